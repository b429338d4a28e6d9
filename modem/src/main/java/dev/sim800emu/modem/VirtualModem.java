package dev.sim800emu.modem;

import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.time.EventLoopClock;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A modem bound to a Netty event loop: the thread-safe face of a {@link ModemEngine}. Every call
 * hops onto the modem's event loop, where the engine, its sockets and its timers live; many modems
 * share one loop.
 */
public final class VirtualModem {
    private final EventLoop loop;
    private final ModemEngine engine;

    public VirtualModem(ModemConfig config, EventLoop loop, Network network) {
        this.loop = loop;
        this.engine = new ModemEngine(config, new EventLoopClock(loop), network);
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** The engine; touch it only on {@link #eventLoop()}. */
    public ModemEngine engine() {
        return engine;
    }

    /** A host connected: output goes to {@code out}, and the modem powers on (if it is off). */
    public void hostConnected(SerialOutput out) {
        run(e -> {
            e.attach(out);
            e.powerOn();
        });
    }

    /**
     * The host went away. With {@code powerOff} the modem loses power (links dropped); otherwise it
     * keeps running, with its output discarded until the next host connects.
     */
    public void hostDisconnected(boolean powerOff) {
        run(e -> {
            e.attach(bytes -> { });
            if (powerOff) {
                e.powerOff();
            }
        });
    }

    /** Bytes typed by the host. The array must not be changed afterwards. */
    public void input(byte[] bytes) {
        run(e -> e.onSerialInput(bytes));
    }

    /** Runs {@code action} on the modem's thread. */
    public void run(Consumer<ModemEngine> action) {
        if (loop.inEventLoop()) {
            action.accept(engine);
        } else {
            loop.execute(() -> action.accept(engine));
        }
    }

    /** Runs {@code action} on the modem's thread and waits for it (for tests and shutdown). */
    public CompletableFuture<Void> runAndWait(Consumer<ModemEngine> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(e -> {
            try {
                action.accept(e);
                done.complete(null);
            } catch (RuntimeException ex) {
                done.completeExceptionally(ex);
            }
        });
        return done;
    }
}
