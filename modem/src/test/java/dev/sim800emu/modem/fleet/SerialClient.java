package dev.sim800emu.modem.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A host on a modem's TCP serial line for the fleet tests: send a command, read up to its final result. */
final class SerialClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;

    SerialClient(InetSocketAddress serial) throws IOException {
        socket.connect(serial, 5_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        // A modem powered on by this connection prints its boot URCs first; they end up before the OK.
        command("ATE0");
    }

    /** Sends {@code line} and returns everything up to and including "OK\r\n" or "ERROR\r\n". */
    String command(String line) throws IOException {
        socket.getOutputStream().write((line + "\r").getBytes(StandardCharsets.US_ASCII));
        return readUntil("OK\r\n", "ERROR\r\n");
    }

    private String readUntil(String... ends) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + sb);
            }
            sb.append((char) b);
            for (String end : ends) {
                if (sb.toString().endsWith(end)) {
                    return sb.toString();
                }
            }
        }
    }

    /** The one information line of a reply like "\r\n86436…\r\n\r\nOK\r\n". */
    static String value(String reply) {
        return reply.strip().lines().findFirst().orElseThrow().strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
