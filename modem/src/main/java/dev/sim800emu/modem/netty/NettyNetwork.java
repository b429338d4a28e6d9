package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
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
    private static final long DNS_QUERY_TIMEOUT_MILLIS = 5_000;
    /** Large enough for any datagram, so none is silently truncated. */
    private static final int MAX_DATAGRAM = 65_536;

    private final EventLoop loop;
    private final NetworkOptions options;
    private final Transport transport;
    private final boolean kernelAcks;
    private final ChannelGroup channels;
    private volatile boolean closed;
    /** Created on first use, on the loop; volatile only so that {@link #close()} may run anywhere. */
    private volatile DnsNameResolver resolver;

    public NettyNetwork(EventLoop loop, NetworkOptions options) {
        this.loop = loop;
        this.options = options;
        this.transport = Transport.of(loop);
        this.kernelAcks = transport == Transport.EPOLL && Libc.available();
        this.channels = new DefaultChannelGroup("sim800emu-links", loop);
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
        return kernelAcks;
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
        InetSocketAddress remote = new InetSocketAddress(request.address(), request.port());
        return request.protocol() == Protocol.TCP
                ? openTcp(request, remote, listener)
                : openUdp(request, remote, listener);
    }

    private NetLink openTcp(LinkRequest request, InetSocketAddress remote, LinkListener listener) {
        TcpLink link = new TcpLink(listener, this::isClosed, kernelAcks);
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(transport.socket)
                .disableResolver()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.max(1, Math.min(Integer.MAX_VALUE, request.connectTimeoutMillis())))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(link);
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
        return link;
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
        UdpLink link = new UdpLink(listener, this::isClosed, remote, options.policy());
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
                channels, this::isClosed, kernelAcks);
    }

    /** A link that fails at once, reported from a later task as the engine expects. */
    private NetLink refuse(LinkListener listener, String reason) {
        RefusedLink link = new RefusedLink();
        loop.execute(() -> {
            if (!link.closed && !closed) {
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
    }

    // ---------------------------------------------------------------- names

    @Override
    public void resolve(String host, ResolveCallback callback) {
        if (closed) {
            return;
        }
        resolver().resolveAll(host).addListener((Future<List<InetAddress>> f) -> {
            // Answers from the hosts file or the cache complete inside resolveAll(); a task keeps
            // the callback out of the engine's own call.
            loop.execute(() -> {
                if (!closed) {
                    deliver(f, callback);
                }
            });
        });
    }

    private static void deliver(Future<List<InetAddress>> f, ResolveCallback callback) {
        if (!f.isSuccess()) {
            callback.onFailed(notFound(f.cause()));
            return;
        }
        List<InetAddress> v4 = f.getNow().stream().filter(a -> a instanceof Inet4Address).toList();
        if (v4.isEmpty()) {
            callback.onFailed(true);
        } else {
            callback.onResolved(v4);
        }
    }

    /**
     * "No such name" versus "could not ask": NXDOMAIN, or a name without IPv4 addresses, is the
     * former; timeouts, server failures and socket errors are the latter.
     */
    static boolean notFound(Throwable failure) {
        boolean unknownHost = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DnsNameResolverTimeoutException) {
                return false;
            }
            if (t instanceof DnsErrorCauseException e) {
                return DnsResponseCode.NXDOMAIN.equals(e.getCode());
            }
            if (t instanceof UnknownHostException) {
                unknownHost = true;
            } else if (t instanceof IOException) {
                return false;
            }
        }
        return unknownHost;
    }

    private DnsNameResolver resolver() {
        DnsNameResolver r = resolver;
        if (r == null) {
            DnsServerAddressStreamProvider servers = options.dnsServer() != null
                    ? new SingletonDnsServerAddressStreamProvider(options.dnsServer())
                    : DnsServerAddressStreamProviders.platformDefault();
            r = new DnsNameResolverBuilder(loop)
                    .datagramChannelType(transport.datagram)
                    .socketChannelType(transport.socket) // TCP retry of truncated answers
                    .resolvedAddressTypes(ResolvedAddressTypes.IPV4_ONLY)
                    .queryTimeoutMillis(DNS_QUERY_TIMEOUT_MILLIS)
                    .nameServerProvider(servers)
                    // A modem asks for exactly the name it was given, whatever the host's
                    // resolv.conf says; the hosts file is still consulted first.
                    .searchDomains(List.of())
                    .build();
            resolver = r;
        }
        return r;
    }

    // ---------------------------------------------------------------- shutdown

    /** Closes every link socket and the resolver; listeners hear nothing more. Idempotent. */
    @Override
    public void close() {
        closed = true;
        channels.close();
        DnsNameResolver r = resolver;
        if (r != null) {
            r.close();
        }
    }
}
