package dev.sim800emu.modem.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative-looking DNS server on 127.0.0.1 (ephemeral UDP port) for tests. Known names are
 * answered with A records; names listed as failing get SERVFAIL; anything else gets NXDOMAIN.
 * Queries for other record types of a known name get an empty answer.
 */
public final class TestDnsServer implements AutoCloseable {
    private static final long TTL_SECONDS = 60;

    private final Map<String, List<InetAddress>> answers = new HashMap<>();
    private final Set<String> failing;
    private final AtomicInteger queries = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    /** @param answers lower-case names without trailing dot → IPv4 addresses as text */
    public TestDnsServer(Map<String, List<String>> answers) {
        this(answers, Set.of());
    }

    /** @param failing names answered with SERVFAIL */
    public TestDnsServer(Map<String, List<String>> answers, Set<String> failing) {
        answers.forEach((name, ips) -> this.answers.put(name, ips.stream().map(TestDnsServer::ipv4).toList()));
        this.failing = Set.copyOf(failing);
        this.channel = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Responder());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    private static InetAddress ipv4(String literal) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Queries received so far. */
    public int queries() {
        return queries.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            queries.incrementAndGet();
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            String name = question.name().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            List<InetAddress> ips = answers.get(name);
            DnsResponseCode code = failing.contains(name) ? DnsResponseCode.SERVFAIL
                    : ips == null ? DnsResponseCode.NXDOMAIN : DnsResponseCode.NOERROR;
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id(),
                    DnsOpCode.QUERY, code);
            response.setAuthoritativeAnswer(true);
            response.setRecursionDesired(query.isRecursionDesired());
            response.setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            if (code == DnsResponseCode.NOERROR && question.type() == DnsRecordType.A) {
                for (InetAddress ip : ips) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A,
                            TTL_SECONDS, Unpooled.wrappedBuffer(ip.getAddress())));
                }
            }
            ctx.writeAndFlush(response);
        }
    }
}
