package dev.sim800emu.driver;

import dev.sim800emu.driver.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fake modem for driver tests: the test reads what the driver sent ({@link #expect}) and writes
 * the modem's exact bytes ({@link #say}), in any order and interleaving it likes.
 */
final class ScriptedModem implements Transport {
    private final PipedInputStream toDriver = new PipedInputStream(1 << 16);
    private final PipedOutputStream modemSide;
    private final BlockingQueue<Byte> fromDriver = new LinkedBlockingQueue<>();
    private final OutputStream driverOut = new OutputStream() {
        @Override
        public void write(int b) {
            fromDriver.add((byte) b);
        }
    };

    ScriptedModem() throws IOException {
        modemSide = new PipedOutputStream(toDriver);
    }

    /** The modem says {@code text} (bytes as ISO-8859-1). */
    void say(String text) throws IOException {
        modemSide.write(text.getBytes(StandardCharsets.ISO_8859_1));
        modemSide.flush();
    }

    /** Waits for the driver to have sent exactly {@code text} next. */
    void expect(String text) throws InterruptedException {
        StringBuilder got = new StringBuilder();
        while (got.length() < text.length()) {
            Byte b = fromDriver.poll(5, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("driver sent '" + got + "', expected '" + text + "'");
            }
            got.append((char) (b & 0xFF));
        }
        if (!got.toString().equals(text)) {
            throw new AssertionError("driver sent '" + got + "', expected '" + text + "'");
        }
    }

    @Override
    public InputStream input() {
        return toDriver;
    }

    @Override
    public OutputStream output() {
        return driverOut;
    }

    @Override
    public String describe() {
        return "scripted modem";
    }

    @Override
    public void close() throws IOException {
        modemSide.close();
    }
}
