package dev.sim800emu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that reads everything it is sent and throws it away, one daemon thread
 * per connection. The emulator's link and the raw baseline client both send to it, so the receiving
 * side (and the moment the kernel acknowledges) is the same for both.
 */
final class SinkServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    SinkServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                Thread reader = new Thread(() -> drain(s), "sink-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void drain(Socket s) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = s.getInputStream()) {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // connection gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
