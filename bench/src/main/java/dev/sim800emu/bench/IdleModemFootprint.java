package dev.sim800emu.bench;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.time.ModemClock;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Heap cost of an idle modem: N modems are created, powered on and booted, kept reachable, and the
 * used heap after full collections is compared with the used heap before. Each modem gets its own
 * {@link ModemConfig} with its own identity, as in a fleet. Not a JMH benchmark: it measures space,
 * once, and prints one {@code FOOTPRINT} line per variant for {@code bench/run.sh}.
 *
 * <p>Variants: the bare {@link ModemEngine} (a clock that runs zero-delay tasks at once and never
 * the others, a network that refuses every call), the same after each modem answered {@code AT}
 * once, and {@link VirtualModem} on a shared Netty event loop — with the stub network, and with its
 * own {@link NettyNetwork} as the CLI pairs them. Run with {@code -XX:+UseSerialGC} for exact counts.
 * Usage: {@code IdleModemFootprint [N]} (default 10000).
 */
public final class IdleModemFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final SerialOutput DISCARD = bytes -> { };
    private static final byte[] AT = "AT\r".getBytes(StandardCharsets.ISO_8859_1);

    private IdleModemFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ModemClock clock = new ImmediateClock();
        Network stub = new RefusingNetwork();
        measure("engine, booted", n, 50, i -> bootedEngine(i, clock, stub));

        measure("engine, booted, answered AT", n, 50, i -> {
            ModemEngine e = bootedEngine(i, clock, stub);
            e.onSerialInput(AT);
            return e;
        });

        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try {
            EventLoop loop = group.next();
            measure("VirtualModem + engine, booted", n, 50, i -> {
                VirtualModem m = new VirtualModem(config(i), loop, stub);
                m.hostConnected(DISCARD);
                return m;
            }, () -> sync(loop));
            NetworkOptions options = new NetworkOptions(null, DestinationPolicy.allowAll());
            measure("VirtualModem + engine + NettyNetwork, booted", n, 50, i -> {
                VirtualModem m = new VirtualModem(config(i), loop, new NettyNetwork(loop, options));
                m.hostConnected(DISCARD);
                return m;
            }, () -> sync(loop));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static ModemConfig config(int i) {
        return ModemConfig.builder().identity(ModemIdentity.forIndex(i)).bootMillis(0).build();
    }

    private static ModemEngine bootedEngine(int i, ModemClock clock, Network network) {
        ModemEngine e = new ModemEngine(config(i), clock, network);
        e.attach(DISCARD);
        e.powerOn();
        if (e.power() != ModemEngine.Power.ON) {
            throw new IllegalStateException("modem did not boot");
        }
        return e;
    }

    private static void measure(String label, int n, int warm, IntFunction<Object> make) {
        measure(label, n, warm, make, () -> { });
    }

    /** Builds {@code warm} throw-away modems (class loading, caches), then measures {@code n} kept ones. */
    private static void measure(String label, int n, int warm, IntFunction<Object> make, Runnable settle) {
        Object[] throwAway = new Object[warm];
        for (int i = 0; i < warm; i++) {
            throwAway[i] = make.apply(i);
        }
        settle.run();
        throwAway = null;
        Object[] kept = new Object[n];
        long before = usedHeapAfterGc();
        for (int i = 0; i < n; i++) {
            kept[i] = make.apply(i);
        }
        settle.run();
        long after = usedHeapAfterGc();
        double perModem = (double) (after - before) / n;
        System.out.printf(Locale.ROOT, "FOOTPRINT\t%s\t%d\t%d\t%.0f%n", label, n, after - before, perModem);
        System.out.printf(Locale.ROOT, "  %-46s %8.0f bytes (%.1f KiB) per modem, %d modems%n",
                label, perModem, perModem / 1024, n);
        if (kept.length != n || kept[n - 1] == null) {
            throw new AssertionError("modems must stay reachable until measured");
        }
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void sync(EventLoop loop) {
        loop.submit(() -> { }).syncUninterruptibly();
    }

    /** Runs zero-delay tasks at once and never runs the others: idle modems need no time to pass. */
    private static final class ImmediateClock implements ModemClock {
        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            if (delayMillis == 0) {
                task.run();
            }
            return () -> { };
        }
    }

    /** Idle modems open nothing; any call is a bug in the measurement. */
    private static final class RefusingNetwork implements Network {
        @Override
        public NetLink open(LinkRequest request, LinkListener listener) {
            throw new UnsupportedOperationException("idle modems open no links");
        }

        @Override
        public ServerHandle listen(int port, ServerListener listener) {
            throw new UnsupportedOperationException("idle modems listen on no port");
        }

        @Override
        public void resolve(String host, ResolveCallback callback) {
            throw new UnsupportedOperationException("idle modems resolve no names");
        }
    }
}
