package dev.sim800emu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The run whose classes the launcher ({@code ./sim800emu}) puts in its class-data-sharing archive:
 * a modem started as {@code sim800emu} starts one, on a free loopback port, and a host that connects,
 * waits for RDY, sends {@code AT} and waits for OK; then the process exits. The launcher runs it
 * with {@code -XX:DumpLoadedClassList} and makes a static archive of that list (which, unlike the
 * archive a JVM writes at exit, also holds picocli's classes: they are Java 5 class files).
 */
public final class ArchiveTraining {
    private static final long DEADLINE_MILLIS = 30_000;

    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        int status;
        try {
            run();
            status = 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("sim800emu: archive training failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /** Starts the modem on a daemon thread and talks to it; returns once it answered OK. */
    static void run() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String[] argv = {"--tcp", "127.0.0.1:" + port};
        Thread modem = new Thread(() -> Main.main(argv), "sim800emu-training");
        modem.setDaemon(true);
        modem.start();
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        try (Socket host = connect(port, deadline)) {
            host.setSoTimeout((int) DEADLINE_MILLIS);
            InputStream in = host.getInputStream();
            awaitText(in, "RDY\r\n");
            host.getOutputStream().write("AT\r".getBytes(StandardCharsets.US_ASCII));
            awaitText(in, "OK\r\n");
        }
    }

    private static Socket connect(int port, long deadline) throws IOException {
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10); // the modem is still starting: a launcher's one-off, not a test
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }

    private static void awaitText(InputStream in, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(text) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the modem closed the line before " + text.trim() + "; got " + seen);
            }
            seen.append((char) b);
        }
    }
}
