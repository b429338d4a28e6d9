package dev.sim800emu.modem;

import dev.sim800emu.modem.net.ForwardingLinkListener;
import dev.sim800emu.modem.net.ForwardingNetwork;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Payload;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.PingCallback;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import dev.sim800emu.modem.time.ModemClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The engine's clock and network, wrapped so that every timer that fires and every network
 * callback (link, server, name lookup) reaches the engine through its one door: the engine runs
 * the callback, then settles (pumps the inbox, flushes output, recomputes input readiness and the
 * lines). No code path reached from a timer or the network can forget to resume input.
 *
 * <p>Both wrappers start from the forwarding bases, so a method added to the port or to
 * {@link LinkListener} later passes through rather than falling to a default.
 *
 * <p>The frequent link callbacks (data, acknowledgements) go through the door as
 * {@link Door#enter}/{@link Door#leave} around the call rather than as a Runnable, so that a busy
 * link allocates nothing per event.
 */
final class EntryPorts {

    private EntryPorts() {
    }

    /** The engine's door: everything between enter and the matching leave is one entry point. */
    interface Door {
        void enter();

        void leave();

        default void accept(Runnable action) {
            enter();
            try {
                action.run();
            } finally {
                leave();
            }
        }
    }

    /** The door into {@code engine}: its entry and settling ({@link ModemEngine#enter}, leave). */
    static Door door(ModemEngine engine) {
        return new Door() {
            @Override
            public void enter() {
                engine.enter();
            }

            @Override
            public void leave() {
                engine.leave();
            }
        };
    }

    /** {@code clock} whose timers run through {@code door}. */
    static ModemClock clock(ModemClock clock, Door door) {
        return new ModemClock() {
            @Override
            public long nowMillis() {
                return clock.nowMillis();
            }

            @Override
            public Timer schedule(long delayMillis, Runnable task) {
                return clock.schedule(delayMillis, () -> door.accept(task));
            }
        };
    }

    /** {@code network} whose listeners and callbacks run through {@code door}. */
    static Network network(Network network, Door door) {
        return new ForwardingNetwork(network) {
            @Override
            public NetLink open(LinkRequest request, LinkListener listener) {
                return network.open(request, link(listener, door));
            }

            @Override
            public ServerHandle listen(int port, ServerListener listener) {
                return network.listen(port, server(listener, door));
            }

            @Override
            public void resolve(String host, ResolveCallback callback) {
                network.resolve(host, new ResolveCallback() {
                    @Override
                    public void onResolved(List<InetAddress> addresses) {
                        door.accept(() -> callback.onResolved(addresses));
                    }

                    @Override
                    public void onFailed(boolean notFound) {
                        door.accept(() -> callback.onFailed(notFound));
                    }
                });
            }

            @Override
            public void ping(InetAddress address, int dataLength, int ttl, long timeoutMillis, PingCallback callback) {
                network.ping(address, dataLength, ttl, timeoutMillis,
                        (millis, hops) -> door.accept(() -> callback.onReply(millis, hops)));
            }
            // The control-plane settings are not callbacks: ForwardingNetwork passes them straight through.
        };
    }

    private static LinkListener link(LinkListener l, Door door) {
        return new ForwardingLinkListener(l) {
            @Override
            public void onConnected() {
                door.accept(l::onConnected);
            }

            @Override
            public void onConnectFailed(String reason) {
                door.accept(() -> l.onConnectFailed(reason));
            }

            @Override
            public void onTlsFailed(boolean alert, String reason) {
                door.accept(() -> l.onTlsFailed(alert, reason));
            }

            @Override
            public void onData(byte[] data, InetSocketAddress from) {
                door.enter();
                try {
                    l.onData(data, from);
                } finally {
                    door.leave();
                }
            }

            @Override
            public void onData(Payload data, InetSocketAddress from) {
                door.enter();
                try {
                    l.onData(data, from);
                } finally {
                    door.leave();
                }
            }

            @Override
            public void onAcked(long totalAcked) {
                door.enter();
                try {
                    l.onAcked(totalAcked);
                } finally {
                    door.leave();
                }
            }

            @Override
            public void onClosed(String reason) {
                door.accept(() -> l.onClosed(reason));
            }
        };
    }

    private static ServerListener server(ServerListener l, Door door) {
        return new ServerListener() {
            @Override
            public void onListening() {
                door.accept(l::onListening);
            }

            @Override
            public void onListenFailed(String reason) {
                door.accept(() -> l.onListenFailed(reason));
            }

            @Override
            public LinkListener onAccepted(NetLink link, InetSocketAddress remote) {
                LinkListener[] accepted = new LinkListener[1];
                door.accept(() -> accepted[0] = l.onAccepted(link, remote));
                return accepted[0] == null ? null : link(accepted[0], door);
            }
        };
    }
}
