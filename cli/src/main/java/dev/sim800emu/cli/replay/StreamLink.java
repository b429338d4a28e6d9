package dev.sim800emu.cli.replay;

import dev.sim800emu.driver.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A modem behind one of the driver's transports (a TCP serial line, a serial port): a reader thread
 * fills {@link Received}. These carry no control lines, so DTR and RTS events are not replayed.
 */
final class StreamLink implements ReplayLink {
    private final Transport transport;
    private final OutputStream out;
    private final Thread reader;

    StreamLink(Transport transport, Received received) throws IOException {
        this.transport = transport;
        this.out = transport.output();
        InputStream in = transport.input();
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    received.add(buf, 0, n);
                }
            } catch (IOException e) {
                // the link is closing
            } finally {
                received.close();
            }
        }, "sim800emu-replay-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public boolean control(boolean rts, boolean asserted) {
        return false;
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    @Override
    public void close() {
        try {
            transport.close();
            reader.join(2000);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
