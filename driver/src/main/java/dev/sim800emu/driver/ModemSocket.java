package dev.sim800emu.driver;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A TCP connection through the modem, shaped like {@link java.net.Socket}: an input and an output
 * stream, a read timeout, half-close and close.
 *
 * <ul>
 *   <li>Reading returns what the peer sent; -1 once the peer closed (or reset) the connection and all
 *       its data has been read — nothing the modem held is lost. After {@code +PDP: DEACT} reads
 *       return what had already been fetched, then throw {@link PdpDeactivatedException}.</li>
 *   <li>Writing blocks until the modem has taken the bytes (chunks of up to 1460, each acknowledged
 *       by {@code DATA ACCEPT}): a slow link slows the writer down (back-pressure). Writing to a link
 *       the peer closed throws {@link LinkClosedException}.</li>
 *   <li>{@link #shutdownOutput()} refuses further writes; the SIM800 has no half-close on the wire,
 *       so the FIN goes out with {@link #close()}. Reading goes on after it.</li>
 * </ul>
 */
public final class ModemSocket implements Closeable {
    private final Link link;
    private final String remote;
    private volatile int soTimeout;
    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return link.read(b, off, len, soTimeout);
        }

        @Override
        public void close() throws IOException {
            ModemSocket.this.close();
        }
    };
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            link.send(b, off, len);
        }

        @Override
        public void close() throws IOException {
            ModemSocket.this.close();
        }
    };

    ModemSocket(Link link, String remote) {
        this.link = link;
        this.remote = remote;
    }

    public InputStream getInputStream() {
        return in;
    }

    /** Unbuffered: each write is one or more {@code AT+CIPSEND}; wrap it in a BufferedOutputStream for small writes. */
    public OutputStream getOutputStream() {
        return out;
    }

    /** Read timeout in milliseconds; 0 (the default) waits for ever. A timed-out read throws SocketTimeoutException. */
    public void setSoTimeout(int millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        this.soTimeout = millis;
    }

    public int getSoTimeout() {
        return soTimeout;
    }

    public void shutdownOutput() {
        link.shutdownOutput();
    }

    /** The modem's link id (0–5). */
    public int linkId() {
        return link.id;
    }

    /** {@code host:port} as opened, or the client's address for an accepted socket. */
    public String remote() {
        return remote;
    }

    public boolean isClosed() {
        return link.isClosed();
    }

    /** {@code AT+CIPCLOSE=n} unless the link is gone already; frees the link id. */
    @Override
    public void close() throws IOException {
        link.close();
    }

    @Override
    public String toString() {
        return "ModemSocket[link " + link.id + " to " + remote + "]";
    }
}
