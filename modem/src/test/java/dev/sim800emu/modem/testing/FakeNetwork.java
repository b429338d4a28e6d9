package dev.sim800emu.modem.testing;

import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.ResolveCallback;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted network for engine tests: records what the modem opens and sends, and lets the test
 * play the far end (accept, refuse, send data, acknowledge, close).
 */
public final class FakeNetwork implements Network {
    public final List<FakeLink> links = new ArrayList<>();
    public final Map<String, List<InetAddress>> names = new HashMap<>();
    public final List<String> lookups = new ArrayList<>();
    private final List<Runnable> pendingLookups = new ArrayList<>();
    /** When true, name lookups are answered only by {@link #answerLookups()}. */
    public boolean deferLookups;

    /** One link the modem opened. */
    public static final class FakeLink implements NetLink {
        public final LinkRequest request;
        public final LinkListener listener;
        public final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        public final List<byte[]> datagrams = new ArrayList<>();
        public final List<InetSocketAddress> destinations = new ArrayList<>();
        public boolean closed;
        public boolean aborted;
        public boolean reading = true;
        /** What the engine last said of acknowledgements ({@link NetLink#acksAwaited}); links start awaited. */
        public boolean acksAwaited = true;
        public boolean autoAck;
        /** A control-plane blackhole: sends are held, acknowledgements and data stop, until restored. */
        public boolean blackholed;
        public final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private final List<byte[]> heldIncoming = new ArrayList<>();
        private long acked;
        /** For accepted links: the engine holds this object, the test holds the delegate. */
        FakeLink delegate;

        FakeLink(LinkRequest request, LinkListener listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public void send(byte[] data) {
            sendTo(data, new InetSocketAddress(request.address(), request.port()));
        }

        /** Sends made of kept bytes and part of a host's buffer: {headLen, off, len} each. */
        public final List<int[]> joinedSends = new ArrayList<>();

        @Override
        public void send(byte[] head, int headLen, dev.sim800emu.modem.net.Payload data, int off, int len) {
            joinedSends.add(new int[] {headLen, off, len});
            send(NetLink.join(head, headLen, data, off, len));
        }

        @Override
        public void sendTo(byte[] data, InetSocketAddress to) {
            if (delegate != null) {
                delegate.sendTo(data, to);
                return;
            }
            if (closed) {
                throw new IllegalStateException("send on closed link");
            }
            if (blackholed) {
                held.writeBytes(data);
                return;
            }
            sent.writeBytes(data);
            datagrams.add(data);
            destinations.add(to);
            if (autoAck) {
                ack(data.length);
            }
        }

        @Override
        public void close(boolean abort) {
            if (delegate != null) {
                delegate.close(abort);
            }
            closed = true;
            aborted = abort;
        }

        @Override
        public void setReading(boolean reading) {
            if (delegate != null) {
                delegate.setReading(reading);
            }
            this.reading = reading;
        }

        @Override
        public void acksAwaited(boolean awaited) {
            if (delegate != null) {
                delegate.acksAwaited(awaited);
            }
            this.acksAwaited = awaited;
        }

        /**
         * As the real network does it: RESET aborts the link and reports the peer's reset to the
         * listener; BLACKHOLE holds sends, acknowledgements and incoming data; RESTORE releases them.
         */
        @Override
        public void fault(dev.sim800emu.modem.net.LinkFault fault) {
            if (delegate != null) {
                delegate.fault(fault);
                return;
            }
            switch (fault) {
                case RESET -> {
                    closed = true;
                    aborted = true;
                    listener.onClosed("connection reset by peer");
                }
                case BLACKHOLE -> blackholed = true;
                case RESTORE -> {
                    if (!blackholed) {
                        return;
                    }
                    blackholed = false;
                    byte[] out = held.toByteArray();
                    held.reset();
                    if (out.length > 0) {
                        sent.writeBytes(out);
                        datagrams.add(out);
                        destinations.add(new InetSocketAddress(request.address(), request.port()));
                        if (autoAck) {
                            ack(out.length);
                        }
                    }
                    List<byte[]> in = new ArrayList<>(heldIncoming);
                    heldIncoming.clear();
                    in.forEach(this::receive);
                }
            }
        }

        public void connect() {
            listener.onConnected();
        }

        /** What {@link #startTls} asked for (explicit FTPS's AUTH TLS), or null. */
        public LinkRequest.Tls startedTls;

        @Override
        public void startTls(LinkRequest.Tls tls) {
            if (startedTls != null) {
                throw new IllegalStateException("TLS started twice");
            }
            startedTls = tls;
        }

        /** The handshake {@link #startTls} began succeeds. */
        public void secure() {
            listener.onSecured();
        }

        /** The TLS handshake fails: a fatal alert from the server, or a failure on this side. */
        public void tlsFail(boolean alert) {
            listener.onTlsFailed(alert, alert ? "Received fatal alert: protocol_version" : "handshake failed");
        }

        public void refuse() {
            listener.onConnectFailed("refused");
        }

        public void ack(long bytes) {
            if (blackholed) {
                return; // the peer is silent
            }
            acked += bytes;
            listener.onAcked(acked);
        }

        public void ackAll() {
            if (blackholed) {
                return;
            }
            acked = sent.size();
            listener.onAcked(acked);
        }

        public void receive(String text) {
            receive(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        public void receive(byte[] data) {
            if (blackholed) {
                heldIncoming.add(data);
                return;
            }
            listener.onData(data, new InetSocketAddress(request.address(), request.port()));
        }

        public void receiveFrom(byte[] data, InetSocketAddress from) {
            listener.onData(data, from);
        }

        public void peerClose() {
            listener.onClosed("peer closed");
        }

        public String sentText() {
            return sent.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    public final List<FakeServer> servers = new ArrayList<>();
    /** When set, listen() fails with this reason. */
    public String listenFailure;

    /** A listening socket the modem opened. */
    public final class FakeServer implements dev.sim800emu.modem.net.ServerHandle {
        public final int port;
        public final dev.sim800emu.modem.net.ServerListener listener;
        public boolean closed;

        FakeServer(int port, dev.sim800emu.modem.net.ServerListener listener) {
            this.port = port;
            this.listener = listener;
        }

        /** A client connects from {@code remote}; returns its link, or null if the modem refused it. */
        public FakeLink accept(String ip, int port) {
            InetSocketAddress remote = new InetSocketAddress(dev.sim800emu.modem.config.ModemConfig.ipv4(ip), port);
            LinkRequest req = new LinkRequest(dev.sim800emu.modem.net.Protocol.TCP, remote.getAddress(), port, this.port, 0, null);
            FakeLink link = new FakeLink(req, null);
            LinkListener l = listener.onAccepted(link, remote);
            if (l == null) {
                link.closed = true;
                return null;
            }
            FakeLink real = new FakeLink(req, l);
            link.delegate = real;
            links.add(real);
            return real;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    // ---------------------------------------------------------------- control plane (recorded)

    public dev.sim800emu.modem.net.LinkConditions conditions = dev.sim800emu.modem.net.LinkConditions.IDEAL;
    /** Every latency spike asked for: {extra ms, for ms}. */
    public final List<long[]> spikes = new ArrayList<>();
    public dev.sim800emu.modem.net.DnsFault dnsFault = dev.sim800emu.modem.net.DnsFault.RESTORE;
    public long dnsDelayMillis;
    /** What refuseConnections() last set; the test plays the refusal (last().refuse()). */
    public boolean refusing;

    @Override
    public void conditions(dev.sim800emu.modem.net.LinkConditions conditions) {
        this.conditions = conditions;
    }

    @Override
    public dev.sim800emu.modem.net.LinkConditions conditions() {
        return conditions;
    }

    @Override
    public void latencySpike(int extraMillis, long forMillis) {
        spikes.add(new long[] {extraMillis, forMillis});
    }

    @Override
    public void dnsFault(dev.sim800emu.modem.net.DnsFault fault, long delayMillis) {
        this.dnsFault = fault;
        this.dnsDelayMillis = delayMillis;
    }

    @Override
    public void refuseConnections(boolean refuse) {
        this.refusing = refuse;
    }

    @Override
    public dev.sim800emu.modem.net.ServerHandle listen(int port, dev.sim800emu.modem.net.ServerListener listener) {
        FakeServer s = new FakeServer(port, listener);
        servers.add(s);
        String failure = listenFailure;
        Runnable answer = () -> {
            if (failure != null) {
                listener.onListenFailed(failure);
            } else {
                listener.onListening();
            }
        };
        if (deferListens) {
            pendingListens.add(answer);
        } else {
            answer.run();
        }
        return s;
    }

    /** When true, listen() is answered only by {@link #answerListens()} (as a real network does, later). */
    public boolean deferListens;
    private final List<Runnable> pendingListens = new ArrayList<>();

    public void answerListens() {
        List<Runnable> copy = new ArrayList<>(pendingListens);
        pendingListens.clear();
        copy.forEach(Runnable::run);
    }

    @Override
    public NetLink open(LinkRequest request, LinkListener listener) {
        FakeLink l = new FakeLink(request, listener);
        links.add(l);
        return l;
    }

    @Override
    public void resolve(String host, ResolveCallback callback) {
        lookups.add(host);
        Runnable answer = () -> {
            List<InetAddress> a = names.get(host.toLowerCase(java.util.Locale.ROOT));
            if (a == null || dnsFault == dev.sim800emu.modem.net.DnsFault.FAIL) {
                callback.onFailed(true);
            } else {
                callback.onResolved(a);
            }
        };
        if (deferLookups) {
            pendingLookups.add(answer);
        } else {
            answer.run();
        }
    }

    public void answerLookups() {
        List<Runnable> copy = new ArrayList<>(pendingLookups);
        pendingLookups.clear();
        copy.forEach(Runnable::run);
    }

    /** The echo requests sent (AT+CIPPING), oldest first; the test answers them or lets them go. */
    public final List<FakePing> pings = new ArrayList<>();

    /** One echo request; {@link #reply} answers it. */
    public record FakePing(InetAddress address, int dataLength, int ttl, long timeoutMillis,
                           dev.sim800emu.modem.net.PingCallback callback) {
        public void reply(long millis, int replyTtl) {
            callback.onReply(millis, replyTtl);
        }
    }

    @Override
    public void ping(InetAddress address, int dataLength, int ttl, long timeoutMillis,
                     dev.sim800emu.modem.net.PingCallback callback) {
        pings.add(new FakePing(address, dataLength, ttl, timeoutMillis, callback));
    }

    /** The newest echo request. */
    public FakePing lastPing() {
        return pings.get(pings.size() - 1);
    }

    public FakeLink last() {
        return links.get(links.size() - 1);
    }

    public long openLinks() {
        return links.stream().filter(l -> !l.closed).count();
    }

    public void name(String host, String... ips) {
        List<InetAddress> list = new ArrayList<>();
        for (String ip : ips) {
            list.add(dev.sim800emu.modem.config.ModemConfig.ipv4(ip));
        }
        names.put(host.toLowerCase(java.util.Locale.ROOT), list);
    }
}
