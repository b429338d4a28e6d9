package dev.sim800emu.modem.net;

import java.net.InetSocketAddress;

/**
 * Network events for one link, delivered on the modem's thread, in order. After
 * {@link #onConnectFailed} or {@link #onClosed} no further event arrives.
 */
public interface LinkListener {

    void onConnected();

    /** The link could not be opened: refused, timed out, unreachable, or denied by policy. */
    void onConnectFailed(String reason);

    /**
     * The TCP connection was made but the TLS handshake failed (a TLS link only); terminal, like
     * {@link #onConnectFailed}. {@code alert} tells a fatal alert from the server (the version it
     * will not speak, say) from a failure on this side (a certificate not trusted, a timeout).
     */
    default void onTlsFailed(boolean alert, String reason) {
        onConnectFailed(reason);
    }

    /** The handshake {@link NetLink#startTls} began has succeeded: the link is secured from now on. */
    default void onSecured() {
    }

    /** Bytes from the peer; for UDP one datagram, with its sender. */
    void onData(byte[] data, InetSocketAddress from);

    /**
     * Bytes from a TCP peer, still in the network's buffer (valid only during this call). By default
     * taken as an array for {@link #onData(byte[], InetSocketAddress)}; the engine's links pass them
     * on to the host without a copy where nothing else waits (the transparent downlink).
     */
    default void onData(Payload data, InetSocketAddress from) {
        onData(data.toArray(), from);
    }

    /**
     * Cumulative count of bytes the peer has acknowledged (TCP, from the kernel's send queue), or
     * that have left the host (UDP).
     */
    void onAcked(long totalAcked);

    /** The peer closed or reset the connection, or it failed after being open. */
    void onClosed(String reason);
}
