package dev.sim800emu.modem.net;

import java.net.InetAddress;

/**
 * The engine's port to the network behind the modem. The production implementation opens real
 * sockets with Netty on the modem's event loop; engine tests use a scripted fake.
 */
public interface Network {

    /** Starts opening a link; the outcome arrives through {@code listener}. */
    NetLink open(LinkRequest request, LinkListener listener);

    /**
     * Starts listening for TCP clients on the modem's port {@code port}; the network decides which
     * host address and port that is. The outcome arrives through {@code listener}.
     */
    ServerHandle listen(int port, ServerListener listener);

    /** Resolves a host name to IPv4 addresses. */
    void resolve(String host, ResolveCallback callback);

    /**
     * Sends one echo request (AT+CIPPING) to {@code address} with up to {@code ttl} hops and waits
     * up to {@code timeoutMillis}; a reply reaches {@code callback}, a loss nothing. A destination the
     * policy denies is never probed.
     *
     * @param dataLength the payload size the host asked for (the network may not honour it)
     */
    default void ping(InetAddress address, int dataLength, int ttl, long timeoutMillis, PingCallback callback) {
        throw new UnsupportedOperationException("this network cannot ping");
    }

    /**
     * Conditions for every link of this modem from now on, open ones included: rates, added
     * latency and jitter, UDP loss, uplink queue (see {@link LinkConditions}).
     */
    default void conditions(LinkConditions conditions) {
        throw new UnsupportedOperationException("this network cannot shape links");
    }

    /** The conditions in force. */
    default LinkConditions conditions() {
        return LinkConditions.IDEAL;
    }

    /** Adds {@code extraMillis} of round trip to every link for {@code forMillis}. */
    default void latencySpike(int extraMillis, long forMillis) {
        throw new UnsupportedOperationException("this network cannot shape links");
    }

    /** Makes name lookups fail, answer after {@code delayMillis} ({@link DnsFault#SLOW}), or work again. */
    default void dnsFault(DnsFault fault, long delayMillis) {
        throw new UnsupportedOperationException("this network has no fault injection");
    }

    /** While {@code refuse}, new links fail to open (the host sees CONNECT FAIL). */
    default void refuseConnections(boolean refuse) {
        throw new UnsupportedOperationException("this network has no fault injection");
    }
}
