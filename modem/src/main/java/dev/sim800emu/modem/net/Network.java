package dev.sim800emu.modem.net;

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
}
