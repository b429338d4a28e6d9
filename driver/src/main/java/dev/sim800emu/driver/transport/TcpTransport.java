package dev.sim800emu.driver.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A modem's serial line carried over a raw TCP socket: the emulator's {@code --tcp} endpoint, or a
 * serial-to-TCP bridge (ser2net, an ESP-Link) in front of a real modem.
 */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final String description;

    private TcpTransport(Socket socket, String description) {
        this.socket = socket;
        this.description = description;
    }

    /** Connects to {@code host:port}, giving up after {@code connectTimeoutMillis}. */
    public static TcpTransport connect(String host, int port, int connectTimeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            // AT lines are small and interactive: Nagle would add up to 40 ms to each command.
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new TcpTransport(s, "tcp://" + host + ":" + port);
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
