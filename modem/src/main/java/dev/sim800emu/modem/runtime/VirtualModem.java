package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.HostView;
import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.adversary.TimingAdversary;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.hostcheck.Finding;
import dev.sim800emu.modem.hostcheck.HostCheck;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.netty.EventLoopClock;
import dev.sim800emu.modem.scenario.Scenario;
import dev.sim800emu.modem.scenario.ScenarioListener;
import dev.sim800emu.modem.scenario.ScenarioRunner;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A modem bound to a Netty event loop: the thread-safe face of a {@link ModemEngine}. Every call
 * hops onto the modem's event loop, where the engine, its sockets and its timers live; many modems
 * share one loop.
 */
public final class VirtualModem implements ControlledModem {
    private final EventLoop loop;
    private final ModemEngine engine;
    /** Hosts on the serial line; touched only on the loop. */
    private final List<Host> hosts = new ArrayList<>();
    /** Watchers of the serial line (scenarios); touched only on the loop. */
    private final List<SerialObserver> observers = new ArrayList<>();
    /** Runs once, when the first host connects (a scenario's start); touched only on the loop. */
    private Runnable onFirstHost;
    /** The serial line: every host and observer. */
    private final SerialOutput line;
    /** The --host-check watcher, or null; touched only on the loop. */
    private HostCheck hostCheck;
    /** Output cut into fragments under --stress-timing; null otherwise. Touched only on the loop. */
    private FragmentedOutput fragments;

    public VirtualModem(ModemConfig config, EventLoop loop, Network network) {
        this.loop = loop;
        this.engine = new ModemEngine(config, new EventLoopClock(loop), network);
        // Every endpoint (TCP, PTY, RFC 2217) is a host on the same line: output and line changes
        // go to all of them, input comes from any of them, like a serial line with a Y cable.
        SerialOutput line = bytes -> {
            for (Host h : hosts) {
                h.out.write(bytes);
            }
            for (SerialObserver o : observers) {
                o.fromModem(bytes);
            }
        };
        this.line = line;
        engine.attach(new SerialOutput() {
            @Override
            public void write(byte[] bytes) {
                if (fragments != null) {
                    fragments.write(bytes);
                } else {
                    line.write(bytes);
                }
            }

            /** A link's buffer reaches a lone host unchanged; anything more on the line takes an array. */
            @Override
            public void write(dev.sim800emu.modem.net.Payload data) {
                if (fragments == null && observers.isEmpty() && hosts.size() == 1) {
                    hosts.get(0).out.write(data);
                } else {
                    write(data.toArray());
                }
            }
        });
        engine.attachLines(new ModemLines() {
            @Override
            public void onLines(LineState state) {
                for (Host h : hosts) {
                    h.lines.onLines(state);
                }
                for (SerialObserver o : observers) {
                    o.modemLines(state);
                }
            }

            @Override
            public void onInputReady(boolean ready) {
                for (Host h : hosts) {
                    h.lines.onInputReady(ready);
                }
            }
        });
    }

    /** One host on the serial line (an endpoint's connection). */
    public final class Host {
        private final String endpoint;
        private final SerialOutput out;
        private final ModemLines lines;
        private boolean connected = true;

        private Host(String endpoint, SerialOutput out, ModemLines lines) {
            this.endpoint = endpoint;
            this.out = out;
            this.lines = lines;
        }

        /**
         * The host left. When it was the last one and {@code powerOff}, the modem loses power (links
         * dropped); otherwise it keeps running for the hosts that remain or come later.
         */
        public void disconnect(boolean powerOff) {
            if (!connected) {
                return;
            }
            connected = false;
            hosts.remove(this);
            boolean off = hosts.isEmpty() && powerOff;
            for (SerialObserver o : observers) {
                o.hostDisconnected(endpoint, off);
            }
            if (off) {
                engine.powerOff();
            }
        }
    }

    /**
     * A host joins the line (call on {@link #eventLoop()}): it hears the current control lines at
     * once, and the modem powers on if it was off.
     */
    public Host connectHost(SerialOutput out, ModemLines lines) {
        return connectHost("host", out, lines);
    }

    /** {@link #connectHost(SerialOutput, ModemLines)} through a named endpoint ({@code tcp}, {@code pty} …), for observers. */
    public Host connectHost(String endpoint, SerialOutput out, ModemLines lines) {
        Host h = new Host(endpoint, out, lines);
        hosts.add(h);
        for (SerialObserver o : observers) {
            o.hostConnected(endpoint);
        }
        if (onFirstHost != null) {
            Runnable first = onFirstHost;
            onFirstHost = null;
            first.run();
        }
        lines.onLines(engine.lines());
        lines.onInputReady(engine.inputReady());
        engine.powerOn();
        return h;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** The engine; touch it only on {@link #eventLoop()}. */
    public ModemEngine engine() {
        return engine;
    }

    /**
     * A host without control lines connects from any thread; its output goes to {@code out}, and
     * the modem powers on (if it is off). The returned future completes on the loop.
     */
    public CompletableFuture<Host> hostConnected(SerialOutput out) {
        CompletableFuture<Host> f = new CompletableFuture<>();
        run(e -> f.complete(connectHost(out, state -> { })));
        return f;
    }

    /** Bytes typed by the host. The array must not be changed afterwards. */
    public void input(byte[] bytes) {
        run(e -> hostInput(bytes, 0, bytes.length));
    }

    /**
     * The same, still in the endpoint's buffer: without observers the modem may send them on in
     * data mode without a copy; observers see arrays.
     */
    public void hostInput(dev.sim800emu.modem.net.Payload data) {
        if (observers.isEmpty()) {
            engine.onSerialInput(data);
        } else {
            byte[] bytes = data.toArray();
            hostInput(bytes, 0, bytes.length);
        }
    }

    /** Bytes typed by a host, on {@link #eventLoop()}: observers see them, then the modem reads them. */
    public void hostInput(byte[] bytes, int off, int len) {
        for (SerialObserver o : observers) {
            o.fromHost(bytes, off, len);
        }
        engine.onSerialInput(bytes, off, len);
    }

    /** The host raised or dropped DTR, from any thread: observers see it, then the modem. */
    public void hostDtr(boolean asserted) {
        run(e -> {
            for (SerialObserver o : observers) {
                o.hostDtr(asserted);
            }
            e.hostDtr(asserted);
        });
    }

    /** The host raised or dropped RTS, from any thread: observers see it, then the modem. */
    public void hostRts(boolean asserted) {
        run(e -> {
            for (SerialObserver o : observers) {
                o.hostRts(asserted);
            }
            e.hostRts(asserted);
        });
    }

    /** Adds a watcher of the serial line (call on {@link #eventLoop()}). */
    public void observe(SerialObserver observer) {
        observers.add(observer);
    }

    public void unobserve(SerialObserver observer) {
        observers.remove(observer);
    }

    /**
     * Runs {@code start} on the loop when the first host connects, or at once if one already has
     * (a PTY counts from the start): the moment a scenario's clock starts.
     */
    public void whenFirstHostConnects(Runnable start) {
        run(e -> {
            if (hosts.isEmpty()) {
                onFirstHost = start;
            } else {
                start.run();
            }
        });
    }

    /**
     * Plays {@code scenario} against this modem: its clock starts when the first host connects,
     * its {@code when} steps watch this modem's serial line. Call {@link ScenarioRunner#stop()} on
     * {@link #eventLoop()}.
     */
    public ScenarioRunner play(Scenario scenario, ScenarioListener listener) {
        return play(scenario, engine.control(), listener);
    }

    /** The same against {@code target} instead of the modem's own control (a test's fake, a decorator). */
    public ScenarioRunner play(Scenario scenario, ControlTarget target, ScenarioListener listener) {
        ScenarioRunner runner = new ScenarioRunner(scenario, engine.clock(), target, listener);
        run(e -> observe(new SerialObserver() {
            @Override
            public void fromHost(byte[] bytes, int off, int len) {
                runner.fromHost(bytes, off, len);
            }

            @Override
            public void fromModem(byte[] bytes) {
                runner.fromModem(bytes, 0, bytes.length);
            }
        }));
        whenFirstHostConnects(runner::start);
        return runner;
    }

    @Override
    public CompletableFuture<Void> control(ControlCommand command) {
        return onLoop(() -> {
            engine.control().apply(command);
            if (command instanceof ControlCommand.Stress s) {
                // the engine holds notices and results; the line cuts what it prints into fragments
                if (fragments != null) {
                    fragments.drain();
                }
                fragments = s.timing() == null ? null
                        : new FragmentedOutput(loop, TimingAdversary.forLine(s.timing()), line);
            }
            return null;
        });
    }

    /**
     * Starts watching the host's side of the protocol ({@code --host-check}): each finding goes
     * to {@code findings} on the modem's thread. Call {@link HostCheck#finish()} on the loop at
     * the end of the run.
     */
    public CompletableFuture<HostCheck> hostCheck(Consumer<Finding> findings) {
        return onLoop(() -> {
            HostCheck check = new HostCheck(new HostView(engine), findings);
            hostCheck = check;
            observe(new SerialObserver() {
                @Override
                public void fromHost(byte[] bytes, int off, int len) {
                    check.fromHost(bytes, off, len, engine.clock().nowMillis());
                }

                @Override
                public void fromModem(byte[] bytes) {
                    check.fromModem(bytes);
                }
            });
            return check;
        });
    }

    @Override
    public CompletableFuture<HostCheckReport> hostCheckReport() {
        return onLoop(() -> hostCheck == null ? null : HostCheckReport.of(hostCheck));
    }

    @Override
    public CompletableFuture<Runnable> watch(SerialObserver observer) {
        // removed on a later turn of the loop, never from inside the line's own loop over observers
        return onLoop(() -> {
            observe(observer);
            return () -> {
                try {
                    loop.execute(() -> unobserve(observer));
                } catch (RejectedExecutionException stopped) {
                    // the modem is gone, and its observers with it
                }
            };
        });
    }

    @Override
    public CompletableFuture<ModemStatus> status() {
        return onLoop(() -> engine.control().status());
    }

    /**
     * {@code action} on the modem's thread, its outcome as a future. A port that cannot do what a
     * command needs (UnsupportedOperationException) and an argument the engine rejects are the
     * modem refusing, as far as a caller is concerned; anything else is a failure of ours.
     */
    private <T> CompletableFuture<T> onLoop(Supplier<T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            run(e -> {
                try {
                    f.complete(action.get());
                } catch (ControlException ex) {
                    f.completeExceptionally(ex);
                } catch (UnsupportedOperationException | IllegalArgumentException | IllegalStateException ex) {
                    f.completeExceptionally(new ControlException(String.valueOf(ex.getMessage())));
                } catch (RuntimeException ex) {
                    f.completeExceptionally(ex);
                }
            });
        } catch (RejectedExecutionException ex) {
            f.completeExceptionally(new ControlException("the modem has stopped"));
        }
        return f;
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
