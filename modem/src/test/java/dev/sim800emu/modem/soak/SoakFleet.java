package dev.sim800emu.modem.soak;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many modems in this JVM as the emulator runs them: {@link VirtualModem}s sharing a few epoll (or
 * NIO) event loops, each with its own {@link NettyNetwork} and its own TCP serial endpoint on
 * 127.0.0.1. The outside world — one {@link SoakHost} per modem and the {@link EchoServer} their
 * links go to — runs on a separate NIO loop, independent of the code under test.
 */
final class SoakFleet implements AutoCloseable {
    private final EventLoopGroup modemLoops;
    private final EventLoopGroup outside = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final Latencies latencies = new Latencies();
    private final EchoServer echo;
    private final List<Member> members = new ArrayList<>();
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();

    private record Member(NettyNetwork network, VirtualModem modem, TcpSerialEndpoint endpoint, SoakHost host) {
    }

    SoakFleet(int loops) throws InterruptedException {
        modemLoops = NettyNetwork.newEventLoopGroup(loops);
        echo = new EchoServer(outside, NioServerSocketChannel.class);
    }

    /**
     * Starts {@code count} modems and connects a host to each, {@code rampMillis} apart, then waits
     * until every host has its link up (failing with the first host's reason otherwise).
     */
    void start(int count, long rampMillis, Duration timeout) throws Exception {
        ModemConfig config = ModemConfig.builder().bootMillis(0).activationMillis(0).build();
        NetworkOptions options = new NetworkOptions(null, DestinationPolicy.allowAll());
        SerialTrace quiet = new SerialTrace("soak", false);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NettyNetwork network = new NettyNetwork(modemLoops.next(), options);
            VirtualModem modem = new VirtualModem(config, network.eventLoop(), network);
            TcpSerialEndpoint endpoint = TcpSerialEndpoint.start(modem, modemLoops,
                    NettyNetwork.serverChannelType(modemLoops), new InetSocketAddress("127.0.0.1", 0), false, quiet);
            SoakHost host = new SoakHost(i, echo.port(), latencies);
            members.add(new Member(network, modem, endpoint, host));
            ready.add(host.ready);
            new Bootstrap().group(outside).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(host)
                    .connect(endpoint.localAddress());
            if (rampMillis > 0) {
                Thread.sleep(rampMillis);
            }
        }
        CompletableFuture.allOf(ready.toArray(new CompletableFuture<?>[0]))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every host exchanges once per {@code period}, at a random phase so the load is even. */
    void startExchanges(Duration period, Random random) {
        long p = period.toMillis();
        for (Member m : members) {
            ticks.add(outside.next().scheduleAtFixedRate(m.host::exchange, random.nextLong(p), p, TimeUnit.MILLISECONDS));
        }
    }

    int size() {
        return members.size();
    }

    long exchanges() {
        return members.stream().mapToLong(m -> m.host.exchanges).sum();
    }

    long busyTicks() {
        return members.stream().mapToLong(m -> m.host.busyTicks).sum();
    }

    /** The hosts' failure reasons (stalled exchanges included), at most {@code max}. */
    List<String> failures(int max) throws Exception {
        outside.submit(() -> members.forEach(m -> m.host.checkStall())).get(10, TimeUnit.SECONDS);
        return members.stream().map(m -> m.host.failure).filter(f -> f != null).limit(max).toList();
    }

    /** Link sockets the modems hold, and connections the echo server holds. */
    long modemLinks() {
        return members.stream().mapToLong(m -> m.network.openChannels()).sum();
    }

    int echoLinks() {
        return echo.links();
    }

    /** The sum of the engines' internal error counts. */
    long internalErrors() throws Exception {
        long[] sum = new long[1];
        for (Member m : members) {
            m.modem.runAndWait(e -> {
                synchronized (sum) {
                    sum[0] += e.internalErrors();
                }
            }).get(10, TimeUnit.SECONDS);
        }
        return sum[0];
    }

    /** Stops the exchanges and disconnects every host, which powers its modem off and drops its link. */
    void disconnectHosts() throws Exception {
        ticks.forEach(t -> t.cancel(false));
        outside.submit(() -> members.forEach(m -> m.host.leave())).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            ticks.forEach(t -> t.cancel(false));
            for (Member m : members) {
                m.endpoint.close();
                m.network.close();
            }
            echo.close();
        } finally {
            outside.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            modemLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
