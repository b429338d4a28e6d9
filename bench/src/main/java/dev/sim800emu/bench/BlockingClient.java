package dev.sim800emu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocking {@link java.net.Socket} client with TCP_NODELAY, the same for the emulator's serial
 * line and for every raw baseline, so both sides of a comparison pay the same client costs. Every
 * read is bounded by a 5 s socket timeout: a stuck benchmark fails instead of hanging.
 */
final class BlockingClient implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] scratch = new byte[256];

    BlockingClient(InetSocketAddress address) throws IOException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("benchmarks only talk to loopback, not " + address);
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(address, TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** The socket's own streams, for benchmarks that parse the serial output themselves. */
    InputStream input() {
        return in;
    }

    OutputStream output() {
        return out;
    }

    /**
     * Reads exactly {@code expected.length} bytes and checks they are {@code expected}.
     *
     * @return the last byte read, for JMH to consume
     */
    int expect(byte[] expected) throws IOException {
        int n = expected.length;
        int got = 0;
        while (got < n) {
            int r = in.read(scratch, got, n - got);
            if (r < 0) {
                throw new IOException("connection closed after " + show(scratch, got));
            }
            got += r;
        }
        if (!Arrays.equals(scratch, 0, n, expected, 0, n)) {
            throw new IllegalStateException("expected " + show(expected, n) + " but got " + show(scratch, n));
        }
        return scratch[n - 1];
    }

    /** Reads until the text received ends with {@code ending} (setup only); returns all of it. */
    String awaitText(String ending) throws IOException {
        StringBuilder sb = new StringBuilder();
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (!sb.toString().endsWith(ending)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no " + show(ending) + " in " + show(sb.toString()));
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + show(sb.toString()));
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Sends an AT command line (CR added) and returns the reply up to {@code ending}; ERROR fails. */
    String command(String line, String ending) throws IOException {
        write((line + "\r").getBytes(StandardCharsets.ISO_8859_1));
        String reply = awaitText(ending);
        if (reply.contains("ERROR") || reply.contains("FAIL")) {
            throw new IllegalStateException(line + " answered " + show(reply));
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String show(byte[] b, int n) {
        return show(new String(b, 0, n, StandardCharsets.ISO_8859_1));
    }

    static String show(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
