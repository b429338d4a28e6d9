package dev.sim800emu.modem.net;

import java.net.InetAddress;

/**
 * A {@link Network} that passes every call to another: wrappers (the engine's entry door, the
 * fleet's meters) extend it and override only what they add to, so a method added to the port
 * later reaches the real network instead of falling to a default that refuses it.
 */
public abstract class ForwardingNetwork implements Network {
    protected final Network inner;

    protected ForwardingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public NetLink open(LinkRequest request, LinkListener listener) {
        return inner.open(request, listener);
    }

    @Override
    public ServerHandle listen(int port, ServerListener listener) {
        return inner.listen(port, listener);
    }

    @Override
    public void resolve(String host, ResolveCallback callback) {
        inner.resolve(host, callback);
    }

    @Override
    public void ping(InetAddress address, int dataLength, int ttl, long timeoutMillis, PingCallback callback) {
        inner.ping(address, dataLength, ttl, timeoutMillis, callback);
    }

    @Override
    public void conditions(LinkConditions conditions) {
        inner.conditions(conditions);
    }

    @Override
    public LinkConditions conditions() {
        return inner.conditions();
    }

    @Override
    public void latencySpike(int extraMillis, long forMillis) {
        inner.latencySpike(extraMillis, forMillis);
    }

    @Override
    public void dnsFault(DnsFault fault, long delayMillis) {
        inner.dnsFault(fault, delayMillis);
    }

    @Override
    public void refuseConnections(boolean refuse) {
        inner.refuseConnections(refuse);
    }
}
