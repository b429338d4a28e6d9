package dev.sim800emu.modem.metrics;

import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.ForwardingLinkListener;
import dev.sim800emu.modem.net.ForwardingNetwork;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import java.net.InetSocketAddress;

/**
 * A {@link Network} that counts what passes through it (links opened, failed and closed, bytes up
 * and down) and otherwise hands everything to the real one. It sits between the engine and
 * {@code NettyNetwork}, so neither knows about meters.
 */
public final class MeteredNetwork extends ForwardingNetwork {
    private final FleetMetrics metrics;

    public MeteredNetwork(Network inner, FleetMetrics metrics) {
        super(inner);
        this.metrics = metrics;
    }

    @Override
    public NetLink open(LinkRequest request, LinkListener listener) {
        metrics.linksOpened.increment();
        NetLink link = inner.open(request, new ForwardingLinkListener(listener) {
            @Override
            public void onConnectFailed(String reason) {
                metrics.linkFailures.increment();
                inner.onConnectFailed(reason);
            }

            @Override
            public void onTlsFailed(boolean alert, String reason) {
                metrics.linkFailures.increment();
                inner.onTlsFailed(alert, reason);
            }

            @Override
            public void onData(byte[] data, InetSocketAddress from) {
                metrics.downlinkBytes.increment(data.length);
                inner.onData(data, from);
            }

            @Override
            public void onData(dev.sim800emu.modem.net.Payload data, InetSocketAddress from) {
                metrics.downlinkBytes.increment(data.length());
                inner.onData(data, from);
            }

            @Override
            public void onClosed(String reason) {
                metrics.linksClosed.increment();
                inner.onClosed(reason);
            }
        });
        return new NetLink() {
            @Override
            public void send(byte[] data) {
                metrics.uplinkBytes.increment(data.length);
                link.send(data);
            }

            @Override
            public void send(byte[] data, int off, int len) {
                metrics.uplinkBytes.increment(len);
                link.send(data, off, len);
            }

            @Override
            public void send(byte[] head, int headLen, dev.sim800emu.modem.net.Payload data, int off, int len) {
                metrics.uplinkBytes.increment(headLen + len);
                link.send(head, headLen, data, off, len);
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
            public void acksAwaited(boolean awaited) {
                link.acksAwaited(awaited);
            }

            @Override
            public void startTls(LinkRequest.Tls tls) {
                link.startTls(tls);
            }

            @Override
            public void fault(LinkFault fault) {
                link.fault(fault);
            }
        };
    }
}
