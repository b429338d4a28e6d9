package dev.sim800emu.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A program on the slave side of a pseudo-terminal, as pyserial or minicom would be: the slave
 * opened in blocking mode, written and read with plain {@code write}/{@code read} calls. The same
 * for the emulator's PTY and the raw PTY baseline. A terminal read cannot time out from Java:
 * bench/run.sh bounds the whole run instead.
 */
final class PtyClient implements RoundTrip.Line {
    private final RandomAccessFile port;
    private final byte[] scratch = new byte[256];

    PtyClient(Path slave) throws IOException {
        port = new RandomAccessFile(slave.toFile(), "rw");
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        port.write(bytes);
    }

    @Override
    public void expect(byte[] expected) throws IOException {
        int n = expected.length;
        int got = 0;
        while (got < n) {
            int r = port.read(scratch, got, n - got);
            if (r < 0) {
                throw new IOException("the terminal hung up");
            }
            got += r;
        }
        if (!Arrays.equals(scratch, 0, n, expected, 0, n)) {
            throw new IllegalStateException("expected " + BlockingClient.show(new String(expected, StandardCharsets.ISO_8859_1))
                    + " but got " + BlockingClient.show(new String(scratch, 0, n, StandardCharsets.ISO_8859_1)));
        }
    }

    /** Reads until the text received ends with {@code ending} (setup only). */
    void awaitText(String ending) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(ending)) {
            int b = port.read();
            if (b < 0) {
                throw new IOException("the terminal hung up after " + BlockingClient.show(sb.toString()));
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        port.close();
    }
}
