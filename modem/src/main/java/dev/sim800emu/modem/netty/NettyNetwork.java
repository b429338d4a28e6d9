package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.PingCallback;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;

/**
 * The production {@link Network}: real sockets and DNS on the modem's Netty event loop, so every
 * listener and callback runs on that loop and nothing blocks it.
 *
 * <p>TCP acknowledgements: on the native epoll transport (Linux) the count reported through
 * {@link LinkListener#onAcked} is what the peer has really acknowledged, read from the kernel send
 * queue with {@code ioctl(SIOCOUTQ)}. On NIO (other systems, or a NIO event loop) there is no file
 * descriptor to ask, and a write counts as acknowledged as soon as the kernel has accepted it; SEND
 * OK then only means "left the emulator". {@link #measuresPeerAcks()} tells which one applies.
 *
 * <p>The loop's kind decides the transport: create loops with {@link #newEventLoopGroup(int)} to get
 * epoll wherever it is available.
 */
public final class NettyNetwork implements Network, AutoCloseable {
    private static final String DENIED = "destination denied by policy";
    private static final String REFUSED = "Connection refused";
    /** Large enough for any datagram, so none is silently truncated. */
    private static final int MAX_DATAGRAM = 65_536;

    private final EventLoop loop;
    private final NetworkOptions options;
    private final Transport transport;
    private final ChannelGroup channels;
    private final NameService names;
    /** Null until a TLS link needs the chip's policy (most modems never open one). */
    private TlsPolicy tls;
    private final Shaping shaping = new Shaping();
    private volatile boolean closed;
    private boolean refusing;
    /** The DNS fault in force, or null. */
    private DnsFault dnsFault;
    private long dnsDelayNanos;

    public NettyNetwork(EventLoop loop, NetworkOptions options) {
        this(loop, options, null);
    }

    /** @param tls what TLS links offer and whom they trust; null for the chip's (TLS 1.0, no checks) */
    public NettyNetwork(EventLoop loop, NetworkOptions options, TlsPolicy tls) {
        this.loop = loop;
        this.tls = tls;
        this.options = options;
        this.transport = Transport.of(loop);
        this.channels = new DefaultChannelGroup("sim800emu-links", loop);
        this.names = new NameService(loop, transport, options.dnsServer(), options.policy(), this::isClosed);
    }

    /**
     * A group of {@code threads} event loops using native epoll when it is available, else NIO. Loops
     * from here give {@link NettyNetwork} its best transport; the caller shuts the group down.
     */
    public static MultiThreadIoEventLoopGroup newEventLoopGroup(int threads) {
        return Transport.newGroup(threads);
    }

    /**
     * The server channel class matching {@code group}'s transport, for listeners (such as the serial
     * endpoint) that share the modems' loops.
     */
    public static Class<? extends ServerSocketChannel> serverChannelType(EventLoopGroup group) {
        return Transport.of(group).server;
    }

    /** The loop this network's sockets and callbacks run on. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** "epoll" or "nio": the transport this network's sockets use. */
    public String transport() {
        return transport.name().toLowerCase(Locale.ROOT);
    }

    /** Whether TCP acknowledgements come from the peer (kernel send queue) rather than from writes. */
    public boolean measuresPeerAcks() {
        // Asked when a link opens, not when the modem starts: loading JNA and libc took ~100 ms of start-up.
        return transport == Transport.EPOLL && Libc.available();
    }

    /** Link sockets currently open (the DNS resolver's socket is not counted). Thread-safe. */
    public int openChannels() {
        return channels.size();
    }

    // ---------------------------------------------------------------- links

    @Override
    public NetLink open(LinkRequest request, LinkListener listener) {
        if (closed) {
            return refuse(listener, "network closed");
        }
        if (!options.policy().allows(request.address())) {
            return refuse(listener, DENIED);
        }
        if (refusing) {
            return refuse(listener, REFUSED);
        }
        InetSocketAddress remote = new InetSocketAddress(request.address(), request.port());
        return request.protocol() == Protocol.TCP
                ? openTcp(request, remote, listener)
                : openUdp(request, remote, listener);
    }

    private NetLink openTcp(LinkRequest request, InetSocketAddress remote, LinkListener listener) {
        LinkRequest.Tls secure = request.tls();
        TcpLink link = new TcpLink(listener, this::isClosed, measuresPeerAcks(), shaping, secure != null);
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, request.connectTimeoutMillis()));
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(transport.socket)
                .disableResolver()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(secure == null ? link : tlsPipeline(link, secure, remote, timeout));
        keepAlive(b, request.keepAlive());
        ChannelFuture f;
        if (request.localPort() != 0) {
            // A modem with a fixed local port (AT+CLPORT) reconnects from it; SO_REUSEADDR lets it
            // do so while the previous connection is in TIME_WAIT. A live socket on the port still
            // makes the bind fail (CONNECT FAIL).
            b.option(ChannelOption.SO_REUSEADDR, true);
            f = b.connect(remote, new InetSocketAddress(request.localPort()));
        } else {
            f = b.connect(remote);
        }
        channels.add(f.channel());
        link.start(f);
        link.upgradable(later -> sslHandler(f.channel(), tlsContext(later), later, remote, timeout));
        return link;
    }

    /** The TLS handler below the link: SNI from the host name the host gave, the policy's versions. */
    private ChannelInitializer<Channel> tlsPipeline(TcpLink link, LinkRequest.Tls secure, InetSocketAddress remote,
                                                    int timeoutMillis) {
        SslContext context = tlsContext(secure);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(sslHandler(ch, context, secure, remote, timeoutMillis), link);
            }
        };
    }

    private SslContext tlsContext(LinkRequest.Tls secure) {
        if (tls == null) {
            tls = TlsPolicy.chip();
        }
        return tls.context(secure.trustedCertificate());
    }

    private static SslHandler sslHandler(Channel ch, SslContext context, LinkRequest.Tls secure,
                                         InetSocketAddress remote, int timeoutMillis) {
        String peer = secure.serverName() != null ? secure.serverName() : remote.getAddress().getHostAddress();
        SslHandler ssl = context.newHandler(ch.alloc(), peer, remote.getPort());
        ssl.setHandshakeTimeoutMillis(timeoutMillis);
        return ssl;
    }

    private void keepAlive(Bootstrap b, LinkRequest.KeepAlive ka) {
        if (ka == null) {
            return;
        }
        b.option(ChannelOption.SO_KEEPALIVE, true);
        int idle = Math.max(1, ka.idleSeconds());
        int interval = Math.max(1, ka.intervalSeconds());
        int count = Math.max(1, ka.count());
        if (transport == Transport.EPOLL) {
            b.option(EpollChannelOption.TCP_KEEPIDLE, idle)
                    .option(EpollChannelOption.TCP_KEEPINTVL, interval)
                    .option(EpollChannelOption.TCP_KEEPCNT, count);
        } else {
            b.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval)
                    .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), count);
        }
    }

    private NetLink openUdp(LinkRequest request, InetSocketAddress remote, LinkListener listener) {
        UdpLink link = new UdpLink(listener, this::isClosed, remote, options.policy(), shaping);
        // Bound but not connected: UDP extended mode takes datagrams from any sender.
        ChannelFuture f = new Bootstrap()
                .group(loop)
                .channel(transport.datagram)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(link)
                .bind(new InetSocketAddress(request.localPort()));
        channels.add(f.channel());
        link.start(f);
        return link;
    }

    // ---------------------------------------------------------------- servers

    @Override
    public ServerHandle listen(int port, ServerListener listener) {
        int hostPort = options.hostPort(port);
        if (closed || hostPort < 0) {
            String reason = closed ? "network closed" : "port " + port + " maps outside 1..65535";
            loop.execute(() -> {
                if (!closed) {
                    listener.onListenFailed(reason);
                }
            });
            return () -> { };
        }
        return new TcpServer(loop, transport, new InetSocketAddress(options.serverBind(), hostPort), listener,
                channels, this::isClosed, measuresPeerAcks(), shaping);
    }

    /**
     * A link that fails at once, reported from a later task as the engine expects; on a shaped
     * network after a round trip, the time the refusal takes to come back.
     */
    private NetLink refuse(LinkListener listener, String reason) {
        RefusedLink link = new RefusedLink();
        long now = System.nanoTime();
        later(shaping.active(now) ? shaping.roundTripNanos(now) : 0, () -> {
            if (!link.closed) {
                listener.onConnectFailed(reason);
            }
        });
        return link;
    }

    private boolean isClosed() {
        return closed;
    }

    /** The link handed out for a refused open: it never opens, and accepts calls harmlessly. */
    private static final class RefusedLink implements NetLink {
        boolean closed;

        @Override
        public void send(byte[] data) {
        }

        @Override
        public void close(boolean abort) {
            closed = true;
        }

        @Override
        public void setReading(boolean reading) {
        }

        @Override
        public void fault(LinkFault fault) {
            // Nothing to break: the link never opened.
        }
    }

    // ---------------------------------------------------------------- names

    /**
     * Looks a name up. On a shaped network the answer takes a round trip (the query goes up, the
     * answer comes down); a {@link DnsFault#SLOW} adds its delay, {@link DnsFault#FAIL} answers "not
     * found" (CDNSGIP error 8) after the round trip.
     */
    @Override
    public void resolve(String host, ResolveCallback callback) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long delay = shaping.active(now) ? shaping.roundTripNanos(now) : 0;
        if (dnsFault == DnsFault.SLOW) {
            delay += dnsDelayNanos;
        }
        if (dnsFault == DnsFault.FAIL) {
            later(delay, () -> callback.onFailed(true));
        } else if (delay == 0) {
            names.resolve(host, callback);
        } else {
            later(delay, () -> names.resolve(host, callback));
        }
    }

    @Override
    public void dnsFault(DnsFault fault, long delayMillis) {
        dnsFault = fault == DnsFault.RESTORE ? null : fault;
        dnsDelayNanos = fault == DnsFault.SLOW ? Math.max(0, delayMillis) * 1_000_000L : 0;
    }

    /** Runs {@code task} on the loop after {@code delayNanos} (from a task even when 0), unless closed by then. */
    private void later(long delayNanos, Runnable task) {
        Runnable guarded = () -> {
            if (!closed) {
                task.run();
            }
        };
        if (delayNanos > 0) {
            loop.schedule(guarded, delayNanos, TimeUnit.NANOSECONDS);
        } else {
            loop.execute(guarded);
        }
    }

    // ---------------------------------------------------------------- conditions and faults

    @Override
    public void conditions(LinkConditions conditions) {
        shaping.conditions(java.util.Objects.requireNonNull(conditions, "conditions"));
    }

    @Override
    public LinkConditions conditions() {
        return shaping.conditions();
    }

    @Override
    public void latencySpike(int extraMillis, long forMillis) {
        shaping.spike(extraMillis, forMillis, System.nanoTime());
    }

    @Override
    public void refuseConnections(boolean refuse) {
        refusing = refuse;
    }

    /** Restarts the random sequences of loss and jitter, so a test sees the same losses every run. */
    public void seed(long seed) {
        shaping.seed(seed);
    }

    // ---------------------------------------------------------------- shutdown

    /** Closes every link socket and the resolver; listeners hear nothing more. Idempotent. */
    @Override
    public void ping(InetAddress address, int dataLength, int ttl, long timeoutMillis, PingCallback callback) {
        Pinger.ping(loop, options.policy(), this::isClosed, address, ttl, timeoutMillis, callback);
    }

    @Override
    public void close() {
        closed = true;
        channels.close();
        names.close();
    }
}
