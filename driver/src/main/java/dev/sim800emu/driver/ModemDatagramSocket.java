package dev.sim800emu.driver;

import java.io.Closeable;
import java.io.IOException;

/**
 * A UDP "connection" through the modem ({@code AT+CIPSTART=n,"UDP",…}): datagrams go to the peer
 * given at open. {@link #receive} returns what one {@code AT+CIPRXGET=2} returns: the modem never
 * mixes two senders in one read, but may join datagrams from the same sender that were waiting
 * together, so give messages their own framing if boundaries matter.
 */
public final class ModemDatagramSocket implements Closeable {
    private final Link link;

    ModemDatagramSocket(Link link) {
        this.link = link;
    }

    /** Sends one datagram of at most 1460 bytes. */
    public void send(byte[] datagram) throws IOException {
        if (datagram.length == 0 || datagram.length > Link.CHUNK) {
            throw new IllegalArgumentException("a datagram is 1 to " + Link.CHUNK + " bytes, not " + datagram.length);
        }
        link.send(datagram, 0, datagram.length);
    }

    /**
     * The next data received; waits up to {@code timeoutMillis} (0: for ever).
     *
     * @throws java.net.SocketTimeoutException when nothing came in time
     */
    public byte[] receive(long timeoutMillis) throws IOException {
        byte[] d = link.receive(timeoutMillis);
        if (d == null) {
            throw new LinkClosedException("link " + link.id + " closed");
        }
        return d;
    }

    public int linkId() {
        return link.id;
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
