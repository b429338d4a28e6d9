package dev.sim800emu.cli.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * {@code --as-modem --tcp}: a raw TCP serial line. The listener stays open for the whole play, so
 * that a host the recording has leave can come back; one host is served at a time.
 */
final class TcpHostSide implements HostSide {
    private final ServerSocket server;
    private Socket host;
    private OutputStream out;

    private TcpHostSide(ServerSocket server) {
        this.server = server;
    }

    /** Binds {@code bind} (before anything is printed, so a bad address is reported first). */
    static TcpHostSide listen(InetSocketAddress bind) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 1);
        return new TcpHostSide(server);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public boolean awaitHost(int timeoutMillis) throws IOException {
        closeHost();
        server.setSoTimeout(timeoutMillis);
        try {
            host = server.accept();
        } catch (SocketTimeoutException e) {
            return false;
        }
        host.setTcpNoDelay(true);
        out = host.getOutputStream();
        return true;
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        host.setSoTimeout(timeoutMillis);
        try {
            int n = host.getInputStream().read(buf);
            return n == 0 ? read(buf, timeoutMillis) : n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public boolean seesHostsLeave() {
        return true;
    }

    private void closeHost() {
        if (host != null) {
            try {
                host.close();
            } catch (IOException e) {
                // gone anyway
            }
            host = null;
        }
    }

    @Override
    public void close() {
        closeHost();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
