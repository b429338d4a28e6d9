package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.PingCallback;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * AT+CIPPING's echo requests: {@link InetAddress#isReachable(java.net.NetworkInterface, int, int)}
 * blocks, so it runs on a small pool of daemon threads shared by every modem of the process, never
 * on an event loop; the reply goes back to the modem's loop.
 *
 * <p>What the JVM can do: an ICMP echo where the process may open raw sockets, else a TCP connect
 * to port 7 (a refusal counts as a reply). Neither gives the reply's TTL nor takes a payload size;
 * the TTL reported is 64, what a Linux host's reply starts with. A request queued behind busy
 * threads may start late: the engine times it out on its own clock regardless.
 */
final class Pinger {
    /** The TTL reported for every reply (the JVM does not show the real one). */
    static final int REPLY_TTL = 64;
    private static final int THREADS = 8;
    private static final ThreadPoolExecutor POOL = pool();

    private Pinger() {
    }

    private static ThreadPoolExecutor pool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sim800emu-ping-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    static void ping(EventLoop loop, DestinationPolicy policy, BooleanSupplier closed, InetAddress address, int ttl,
                     long timeoutMillis, PingCallback callback) {
        if (!policy.allows(address)) {
            return; // dropped, as a firewall drops it: the engine reports the loss at its time-out
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis));
        POOL.execute(() -> {
            long start = System.nanoTime();
            boolean reached;
            try {
                reached = address.isReachable(null, ttl, timeout);
            } catch (IOException | RuntimeException e) {
                reached = false;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (reached && !closed.getAsBoolean()) {
                loop.execute(() -> {
                    if (!closed.getAsBoolean()) {
                        callback.onReply(millis, REPLY_TTL);
                    }
                });
            }
        });
    }
}
