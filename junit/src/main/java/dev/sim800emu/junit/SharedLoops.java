package dev.sim800emu.junit;

import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every virtual modem of this JVM runs on: made once, on first use, and shared, so a
 * fresh modem per test costs a modem, not a thread pool. Many modems share a loop, as in the
 * emulator itself.
 */
final class SharedLoops {
    private static EventLoopGroup group;

    private SharedLoops() {
    }

    static synchronized EventLoopGroup group() {
        if (group == null) {
            EventLoopGroup g = NettyNetwork.newEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS),
                    "sim800emu-junit-shutdown"));
            group = g;
        }
        return group;
    }
}
