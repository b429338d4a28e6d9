package dev.sim800emu.modem.device;

import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A device on a modem's serial line, played by the emulator itself: it talks AT like firmware
 * would (bring up GPRS, open a link, send every period, start over on failure) so that a server
 * sees a fleet of SIM800 devices with their GPRS links. Transport-neutral: it writes through a
 * {@link Line} and is fed the modem's bytes by {@link #fromModem}; everything runs on one event
 * loop, the modem's for an in-process line.
 *
 * <p>It is a small AT client of its own, not the project's Java driver, which is being written
 * alongside it; the steps are the same a driver takes.
 */
public final class ScriptedDevice {
    /** The serial line towards the modem. */
    public interface Line {
        void write(byte[] bytes);
    }

    /** One step of bringing the link up: a command and the line that means it worked. */
    private record Step(String command, String success, long timeoutMillis) {
    }

    private static final String ANY_ADDRESS = "<address>";
    /** {@link #step} once the link is up. */
    private static final int LINK_UP = -1;
    /** {@link #step} while waiting to start over. */
    private static final int BACKING_OFF = -2;
    private static final long SHORT = 10_000;

    private final DeviceScript script;
    private final String id;
    private final String imei;
    private final EventLoop loop;
    private final DeviceStats stats;
    private final Random random;
    private final List<Step> steps;
    private Line line;

    private final StringBuilder incoming = new StringBuilder();
    /** The step being run, or -1 once the link is up. */
    private int step;
    /** After CIPSTART's OK, CONNECT OK is still to come. */
    private boolean awaitingConnect;
    private byte[] pendingPayload;
    private boolean awaitingSendOk;
    private boolean connected;
    private boolean stopped;
    private long seq;
    private int attempts;
    /** Bumped at every start over, so that a late timer of an earlier attempt does nothing. */
    private int generation;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> ticker;

    public ScriptedDevice(DeviceScript script, String id, String imei, EventLoop loop, DeviceStats stats, long seed) {
        this.script = script;
        this.id = id;
        this.imei = imei;
        this.loop = loop;
        this.stats = stats;
        this.random = new Random(seed);
        // The address as a literal when known: a name costs every modem a resolver (a UDP socket).
        String host = script.target().isUnresolved() ? script.target().getHostString()
                : script.target().getAddress().getHostAddress();
        this.steps = List.of(
                new Step("AT", "OK", 2_000),
                new Step("ATE0", "OK", SHORT),
                new Step("AT+CIPSHUT", "SHUT OK", SHORT),
                new Step("AT+CSTT=\"" + script.apn() + "\"", "OK", SHORT),
                new Step("AT+CIICR", "OK", 85_000),
                new Step("AT+CIFSR", ANY_ADDRESS, SHORT),
                new Step("AT+CIPSTART=\"TCP\",\"" + host + "\",\"" + script.target().getPort() + "\"", "OK", 160_000));
    }

    /** Starts talking on {@code line} (from any thread). */
    public void start(Line toModem) {
        loop.execute(() -> {
            this.line = toModem;
            runStep(0);
        });
    }

    /** Stops: no further bytes are written (from any thread). */
    public void stop() {
        loop.execute(() -> {
            stopped = true;
            cancelTimers();
            setConnected(false);
        });
    }

    /** Bytes from the modem; call on the device's loop. */
    public void fromModem(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                String text = incoming.toString();
                incoming.setLength(0);
                if (!text.isEmpty()) {
                    onLine(text);
                }
            } else if (b != '\r' && incoming.length() < 256) {
                incoming.append((char) (b & 0xFF));
            }
        }
        if (pendingPayload != null && incoming.length() == 2 && incoming.charAt(0) == '>' && incoming.charAt(1) == ' ') {
            incoming.setLength(0);
            byte[] p = pendingPayload;
            pendingPayload = null;
            awaitingSendOk = true;
            line.write(p);
        }
    }

    private void onLine(String text) {
        if (stopped) {
            return;
        }
        if (step == BACKING_OFF) {
            return;
        }
        if (text.equals("CLOSED") || text.startsWith("+PDP: DEACT") || text.equals("CONNECT FAIL")) {
            fail(text);
        } else if (step >= 0) {
            setupLine(text);
        } else if (step == BACKING_OFF) {
            return;
        } else if (awaitingSendOk || pendingPayload != null) {
            if (text.equals("SEND OK")) {
                awaitingSendOk = false;
                cancelTimeout();
                stats.sent.increment();
            } else if (text.equals("SEND FAIL") || text.equals("ERROR")) {
                fail(text);
            }
        }
    }

    private void setupLine(String text) {
        if (awaitingConnect) {
            if (text.equals("CONNECT OK") || text.equals("ALREADY CONNECT")) {
                linkUp();
            }
            return;
        }
        Step s = steps.get(step);
        boolean done = s.success().equals(ANY_ADDRESS) ? text.matches("\\d{1,3}(\\.\\d{1,3}){3}") : text.equals(s.success());
        if (done) {
            if (step == steps.size() - 1) {
                awaitingConnect = true; // CIPSTART's OK; its timeout keeps running for CONNECT OK
            } else {
                runStep(step + 1);
            }
        } else if (text.equals("ERROR") || text.startsWith("+CME ERROR")) {
            fail(s.command() + ": " + text);
        }
    }

    private void runStep(int n) {
        step = n;
        awaitingConnect = false;
        Step s = steps.get(n);
        arm(s.timeoutMillis(), s.command());
        writeLine(s.command());
    }

    private void linkUp() {
        cancelTimeout();
        step = LINK_UP;
        awaitingConnect = false;
        attempts = 0;
        setConnected(true);
        if (script.mqttTopic() != null) {
            send(MqttPackets.connect("sim800-" + imei));
        }
        // The first message comes at a random point of the first period, so that a fleet started
        // together does not send in lockstep.
        long first = (long) (random.nextDouble() * script.periodMillis());
        ticker = loop.scheduleAtFixedRate(this::tick, first, script.periodMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped || !connected) {
            return;
        }
        if (pendingPayload != null || awaitingSendOk) {
            stats.skipped.increment();
            return;
        }
        byte[] message = script.render(id, imei, ++seq, System.nanoTime()).getBytes(StandardCharsets.ISO_8859_1);
        send(script.mqttTopic() == null ? message : MqttPackets.publish(script.mqttTopic(), message));
    }

    private void send(byte[] payload) {
        pendingPayload = payload;
        arm(SHORT * 6, "AT+CIPSEND");
        writeLine("AT+CIPSEND=" + payload.length);
    }

    private void fail(String why) {
        if (stopped) {
            return;
        }
        stats.failures.increment();
        cancelTimers();
        setConnected(false);
        pendingPayload = null;
        awaitingSendOk = false;
        step = BACKING_OFF; // the next attempt starts with CIPSHUT
        generation++;
        int g = generation;
        long max = Math.min(script.retryMaxMillis(), script.retryMinMillis() << Math.min(attempts, 20));
        attempts++;
        long delay = max / 2 + (long) (random.nextDouble() * (max / 2 + 1));
        loop.schedule(() -> {
            if (g == generation && !stopped) {
                runStep(2);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void arm(long millis, String what) {
        cancelTimeout();
        int g = generation;
        timeout = loop.schedule(() -> {
            if (g == generation) {
                fail(what + ": no answer in " + millis + " ms");
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void cancelTimers() {
        cancelTimeout();
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private void setConnected(boolean up) {
        if (up != connected) {
            connected = up;
            stats.connected.addAndGet(up ? 1 : -1);
        }
    }

    private void writeLine(String command) {
        line.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Puts this device on {@code modem}'s serial line in-process (no socket): it hears the modem's
     * output, and its writes reach the modem on the modem's loop, which must be this device's loop.
     */
    public void attach(VirtualModem modem) {
        modem.run(e -> {
            modem.connectHost(this::fromModem, state -> { });
            // Deferred: the device answers from inside the modem's output call (the > prompt), and
            // the modem must not be re-entered there.
            start(bytes -> loop.execute(() -> modem.hostInput(bytes, 0, bytes.length)));
        });
    }

    public boolean connected() {
        return connected;
    }
}
