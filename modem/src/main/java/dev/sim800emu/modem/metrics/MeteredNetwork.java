package dev.sim800emu.modem.metrics;

import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import java.net.InetSocketAddress;

/**
 * A {@link Network} that counts what passes through it (links opened, failed and closed, bytes up
 * and down) and otherwise hands everything to the real one. It sits between the engine and
 * {@code NettyNetwork}, so neither knows about meters.
 */
public final class MeteredNetwork implements Network {
    private final Network inner;
    private final FleetMetrics metrics;

    public MeteredNetwork(Network inner, FleetMetrics metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override
    public NetLink open(LinkRequest request, LinkListener listener) {
        metrics.linksOpened.increment();
        NetLink link = inner.open(request, new LinkListener() {
            @Override
            public void onConnected() {
                listener.onConnected();
            }

            @Override
            public void onConnectFailed(String reason) {
                metrics.linkFailures.increment();
                listener.onConnectFailed(reason);
            }

            @Override
            public void onTlsFailed(boolean alert, String reason) {
                metrics.linkFailures.increment();
                listener.onTlsFailed(alert, reason); // not the default: the host sees CLOSE OK, not CONNECT FAIL
            }

            @Override
            public void onData(byte[] data, InetSocketAddress from) {
                metrics.downlinkBytes.increment(data.length);
                listener.onData(data, from);
            }

            @Override
            public void onAcked(long totalAcked) {
                listener.onAcked(totalAcked);
            }

            @Override
            public void onClosed(String reason) {
                metrics.linksClosed.increment();
                listener.onClosed(reason);
            }
        });
        return new NetLink() {
            @Override
            public void send(byte[] data) {
                metrics.uplinkBytes.increment(data.length);
                link.send(data);
            }

            @Override
            public void sendTo(byte[] data, InetSocketAddress to) {
                metrics.uplinkBytes.increment(data.length);
                link.sendTo(data, to);
            }

            @Override
            public void close(boolean abort) {
                link.close(abort);
            }

            @Override
            public void setReading(boolean reading) {
                link.setReading(reading);
            }

            @Override
            public void fault(LinkFault fault) {
                link.fault(fault);
            }
        };
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
