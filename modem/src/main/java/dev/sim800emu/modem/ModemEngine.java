package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ByteSink;
import dev.sim800emu.modem.at.CommandLineFramer;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.LineExecutor;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.command.BasicCommands;
import dev.sim800emu.modem.command.BearerProfileCommands;
import dev.sim800emu.modem.command.GsmCommands;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.tcpip.TcpIpCommands;
import dev.sim800emu.modem.tcpip.TcpIpHost;
import dev.sim800emu.modem.tcpip.TcpIpStack;
import dev.sim800emu.modem.time.ModemClock;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual SIM800: a sans-I/O engine. Bytes from the host go in through {@link #onSerialInput};
 * serial output leaves through the {@link SerialOutput} it is attached to; links and name lookups go
 * out through the {@link Network} port and come back as listener calls; time comes from a
 * {@link ModemClock}. It owns no thread and no socket, and must be used from one thread (its Netty
 * event loop, or a test).
 *
 * <h2>Input</h2>
 * In command mode every byte is echoed (ATE1) as it arrives and fed to the
 * {@link CommandLineFramer}; a completed line runs through the {@link LineExecutor}. While a line
 * runs, or waits for a network outcome, further input waits in the inbox (type-ahead) and URCs wait
 * in a queue: they go out, in the order they happened, right after the line's final result. After a
 * CIPSEND prompt the inbox feeds a {@link PayloadSink} instead of the framer.
 *
 * <h2>Power</h2>
 * A modem starts switched off. {@link #powerOn()} (a host connecting to the serial endpoint) boots
 * it: after {@link ModemConfig#bootMillis()} it prints RDY, +CFUN: 1, +CPIN: READY, Call Ready and
 * SMS Ready and starts answering. Input sent while it is off or booting is lost, as on the chip.
 */
public final class ModemEngine implements TcpIpHost {
    private static final Logger log = LoggerFactory.getLogger(ModemEngine.class);
    /** Type-ahead beyond this is dropped rather than growing without bound. */
    private static final int INBOX_LIMIT = 1 << 20;

    /** Power states of the module. */
    public enum Power {
        OFF, BOOTING, ON
    }

    private final ModemConfig config;
    private final ModemClock clock;
    private final Network network;
    private SerialOutput serial = bytes -> { };
    private ModemLines lines = state -> { };
    private LineState lastLines = LineState.OFF;
    /** Host lines; endpoints without them (raw TCP, PTY) leave both asserted. */
    private boolean dtr = true;
    private boolean rts = true;
    private boolean ring;
    private boolean callActive;
    private ModemClock.Timer ringPulse;
    private int hostBaud = 115200;
    private boolean hostBaudSet;
    /** Serial output held while the host holds RTS off (AT+IFC=2,x) or its socket is full. */
    private final ByteSink held = new ByteSink(16);
    private boolean hostWritable = true;
    private boolean inputReady = true;
    private long dtrAssertedAt;
    private long lastInputAt;
    private long wakeUntil;

    final Profile factory = new Profile();
    final Profile saved = new Profile();
    final Profile active = new Profile();
    final Radio radio;
    private final AppBearers appBearers = new AppBearers();

    private final ByteSink out = new ByteSink(64);
    private final ResponseWriter writer = new ResponseWriter(active, out);
    private final CommandLineFramer framer = new CommandLineFramer(active::backspace);
    private final CommandTable table = new CommandTable();
    private final LineExecutor executor;
    private final TcpIpStack tcpip;

    private final ArrayDeque<byte[]> urcQueue = new ArrayDeque<>();
    private final Inbox inbox = new Inbox();
    private boolean pumping;
    private PayloadSink payload;
    private ByteSink payloadBuf;
    /** The CIPSEND line ended with CR and its LF has not arrived yet: an LF first is not payload. */
    private boolean payloadSkipLf;
    private Power power = Power.OFF;
    private ModemClock.Timer bootTimer;
    private Runnable afterLine;
    private long internalErrors;
    /** The serial line is in transparent data mode: no echo, no commands. */
    private boolean dataMode;
    /** Data mode starts once the running line has finished. */
    private Runnable pendingDataMode;

    public ModemEngine(ModemConfig config, ModemClock clock, Network network) {
        this.config = config;
        // Timers and network callbacks are entries too: they come in through the same door.
        this.clock = EntryPorts.clock(clock, this::entry);
        this.network = EntryPorts.network(network, this::entry);
        this.radio = new Radio(config);
        this.tcpip = new TcpIpStack(this);
        this.executor = new LineExecutor(table, writer, this::lineDone, this::flush);
        BasicCommands.register(table, this);
        GsmCommands.register(table, this);
        BearerProfileCommands.register(table, this);
        TcpIpCommands.register(table, tcpip);
    }

    /** Sets where serial output goes. */
    public void attach(SerialOutput output) {
        this.serial = output;
    }

    /** Sets who is told about DCD, RI, CTS and DSR changes; it hears the current state at once. */
    public void attachLines(ModemLines listener) {
        this.lines = listener;
        lastLines = computeLines();
        listener.onLines(lastLines);
        listener.onInputReady(inputReady);
    }

    /** The control lines as last published. */
    public LineState lines() {
        return lastLines;
    }

    /** Whether the modem can take more input (see {@link ModemLines#onInputReady}). */
    public boolean inputReady() {
        return inputReady;
    }

    /** The host raised (true) or dropped DTR. */
    public void hostDtr(boolean asserted) {
        entry(() -> dtrChanged(asserted));
    }

    private void dtrChanged(boolean asserted) {
        if (dtr != asserted) {
            dtr = asserted;
            if (asserted) {
                dtrAssertedAt = clock.nowMillis();
            }
            if (!asserted && dataMode && power == Power.ON) {
                tcpip.dtrDropped(active.ampD);
            }
            publishLines();
            flush();
        }
    }

    /** The host raised (true) or dropped RTS: with AT+IFC=2,2 the modem stops sending while off. */
    public void hostRts(boolean asserted) {
        entry(() -> rts = asserted);
    }

    /** The serial endpoint's socket can (or cannot) take more output: its own back-pressure. */
    public void hostWritable(boolean writable) {
        entry(() -> hostWritable = writable);
    }

    /** The host set its UART rate (RFC 2217 SET-BAUDRATE). */
    public void hostBaud(int bitsPerSecond) {
        this.hostBaud = bitsPerSecond;
        this.hostBaudSet = bitsPerSecond > 0;
    }

    /**
     * The UART rate output is paced at with --baud-pacing: what the host set over RFC 2217, else
     * AT+IPR, else (autobaud) 115200.
     */
    public int serialRate() {
        if (hostBaudSet) {
            return hostBaud;
        }
        return active.ipr == 0 ? 115200 : active.ipr;
    }

    public boolean dtr() {
        return dtr;
    }

    public boolean rts() {
        return rts;
    }

    public int hostBaud() {
        return hostBaud;
    }

    private LineState computeLines() {
        if (power != Power.ON) {
            return LineState.OFF;
        }
        boolean dcd = active.ampC == 0 || tcpip.carrier();
        // With AT+IFC=x,2 CTS is the modem's "input ready" (type-ahead, a backed-up transparent uplink).
        boolean cts = active.ifcDte != 2 || inputReady;
        return new LineState(dcd, ring, cts, true);
    }

    /** Tells the line listener when a line has changed. */
    void publishLines() {
        LineState now = computeLines();
        if (!now.equals(lastLines)) {
            lastLines = now;
            lines.onLines(now);
        }
    }

    // ------------------------------------------------------------------ power

    /** Switches the modem on; it answers once booted. Does nothing if it is already on. */
    public void powerOn() {
        entry(() -> {
            if (power == Power.OFF) {
                active.copyFrom(saved, true);
                startBoot();
            }
        });
    }

    /** Cuts power: every link is dropped at once and nothing more is printed. */
    public void powerOff() {
        entry(() -> {
            cancelBoot();
            clearVolatileState();
            power = Power.OFF;
        });
    }

    /** A reset (AT+CFUN=1,1): links dropped, active settings back to the saved profile, boot again. */
    public void reboot() {
        entry(() -> {
            cancelBoot();
            clearVolatileState();
            active.copyFrom(saved, true);
            startBoot();
        });
    }

    public Power power() {
        return power;
    }

    private void clearVolatileState() {
        held.drain();
        ring = false;
        callActive = false;
        if (ringPulse != null) {
            ringPulse.cancel();
            ringPulse = null;
        }
        executor.abort();
        dataMode = false;
        pendingDataMode = null;
        payload = null;
        payloadBuf = null;
        afterLine = null;
        inbox.clear();
        urcQueue.clear();
        framer.reset();
        framer.clearHistory();
        tcpip.reset();
        radio.reset();
        appBearers.reset();
        out.drain();
    }

    private void startBoot() {
        radio.reset();
        tcpip.reset();
        power = Power.BOOTING;
        publishLines();
        if (config.bootMillis() == 0) {
            finishBoot();
        } else {
            bootTimer = clock.schedule(config.bootMillis(), this::finishBoot);
        }
    }

    private void cancelBoot() {
        if (bootTimer != null) {
            bootTimer.cancel();
            bootTimer = null;
        }
    }

    private void finishBoot() {
        bootTimer = null;
        power = Power.ON;
        lastInputAt = clock.nowMillis();
        publishLines();
        // With autobaud (AT+IPR=0) the chip cannot know the rate yet and prints nothing at boot.
        if (active.ipr != 0) {
            writer.text("RDY");
            writer.text("+CFUN: " + radio.cfun());
            writer.text("+CPIN: " + radio.sim().text());
            if (radio.sim() == Radio.Sim.READY) {
                if (active.ciurc == 1) {
                    writer.text("Call Ready");
                }
                writer.text("SMS Ready");
            }
        }
        flush();
    }

    // ------------------------------------------------------------------ input

    /** Bytes from the host. */
    public void onSerialInput(byte[] data, int off, int len) {
        entry(() -> serialInput(data, off, len));
    }

    private void serialInput(byte[] data, int off, int len) {
        if (power != Power.ON || asleepFor(len)) {
            return;
        }
        if (dataMode && inbox.size() == 0) {
            // Data mode with nothing queued: straight to the link, without the inbox copy.
            tcpip.onDataModeInput(data, off, len);
            return;
        }
        if (inbox.size() + len > INBOX_LIMIT) {
            log.warn("type-ahead over {} bytes; dropping {} bytes", INBOX_LIMIT, len);
            return;
        }
        inbox.add(data, off, len); // the settle step pumps it
    }

    /** Seconds of serial silence after which AT+CSCLK=2 sleeps. */
    static final long AUTO_SLEEP_MILLIS = 5000;

    /**
     * Sleep (AT+CSCLK, note §12). Mode 1: while DTR is off (pin high) the UART is deaf; it hears
     * again 50 ms after DTR comes on. Mode 2: after {@link #AUTO_SLEEP_MILLIS} of silence the
     * first bytes only wake the modem, and input is ignored for 100 ms after that. Output (URCs,
     * received data) is not held back in either mode: incoming data wakes the chip.
     */
    private boolean asleepFor(int len) {
        long now = clock.nowMillis();
        boolean asleep;
        switch (active.csclk) {
            case 1 -> asleep = !dtr || now - dtrAssertedAt < 50;
            case 2 -> {
                if (now < wakeUntil) {
                    asleep = true;
                } else if (now - lastInputAt >= AUTO_SLEEP_MILLIS) {
                    wakeUntil = now + 100;
                    asleep = true;
                } else {
                    asleep = false;
                }
            }
            default -> asleep = false;
        }
        lastInputAt = now;
        return asleep;
    }

    /** True when AT+CSCLK lets the modem sleep right now (mode 1 and DTR off). */
    public boolean sleeping() {
        return power == Power.ON && active.csclk == 1 && !dtr;
    }

    // ------------------------------------------------------------------ calls and messages

    /**
     * An incoming voice call: RI is held on until {@link #callEnded()}, and RING is reported (at
     * once in command mode, after the host leaves data mode otherwise, note §3.2.5).
     */
    public void incomingCall() {
        entry(() -> {
            if (power == Power.ON) {
                callActive = true;
                setRing(true);
                urc(w -> w.result(dev.sim800emu.modem.at.ResultCode.RING));
            }
        });
    }

    /** The caller hung up. */
    public void callEnded() {
        entry(() -> {
            callActive = false;
            setRing(false);
        });
    }

    /** A new SMS stored at {@code index}: RI pulses for 120 ms and +CMTI: "SM",index is reported. */
    public void newSms(int index) {
        entry(() -> sms(index));
    }

    private void sms(int index) {
        if (power != Power.ON) {
            return;
        }
        setRing(true);
        if (ringPulse != null) {
            ringPulse.cancel();
        }
        ringPulse = clock.schedule(120, () -> {
            ringPulse = null;
            setRing(callActive);
        });
        urc(w -> w.text("+CMTI: \"SM\"," + index));
    }

    private void setRing(boolean on) {
        ring = on;
        publishLines();
    }

    public void onSerialInput(byte[] data) {
        onSerialInput(data, 0, data.length);
    }

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (inbox.size() > 0 && power == Power.ON) {
                if (dataMode) {
                    byte[] bytes = inbox.takeAll();
                    tcpip.onDataModeInput(bytes, 0, bytes.length);
                } else if (payload != null) {
                    feedPayload();
                } else if (executor.busy()) {
                    break;
                } else {
                    feedCommand(inbox.take());
                }
            }
        } catch (RuntimeException e) {
            // Nothing a host sends may take the modem down.
            internalErrors++;
            inbox.clear();
            log.error("engine failure on input; modem keeps running", e);
        } finally {
            pumping = false;
        }
    }

    private void feedCommand(int b) {
        if (active.echo) {
            out.write(b);
        }
        switch (framer.feed(b)) {
            case LINE -> {
                if (framer.justEndedWithCr() && inbox.size() > 0 && inbox.peek() == '\n') {
                    inbox.take();
                    framer.lfTaken();
                    if (active.echo) {
                        out.write('\n');
                    }
                }
                executor.execute(framer.lastLine());
            }
            case REPEAT -> executor.execute(framer.lastLine());
            case OVERLONG -> executor.rejectOverlong();
            case NONE -> { }
        }
    }

    private void feedPayload() {
        PayloadSink sink = payload;
        int fixed = sink.fixedLength();
        while (inbox.size() > 0 && payload == sink) {
            int b = inbox.take();
            if (payloadSkipLf) {
                payloadSkipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (fixed < 0) {
                if (b == 0x1A) {
                    endPayload(sink, true);
                    return;
                }
                if (b == 0x1B) {
                    payload = null;
                    payloadBuf = null;
                    sink.onCancel();
                    return;
                }
            }
            if (active.echo) {
                out.write(b);
            }
            payloadBuf.write(b);
            if (fixed >= 0 && payloadBuf.size() == fixed) {
                endPayload(sink, true);
                return;
            }
            if (fixed < 0 && payloadBuf.size() > sink.maxLength()) {
                payload = null;
                payloadBuf = null;
                sink.onOverflow();
                return;
            }
        }
    }

    private void endPayload(PayloadSink sink, boolean viaInput) {
        byte[] data = payloadBuf.drain();
        payload = null;
        payloadBuf = null;
        sink.onPayload(data);
    }

    @Override
    public void beginPayload(PayloadSink sink) {
        payload = sink;
        payloadBuf = new ByteSink(sink.fixedLength() > 0 ? sink.fixedLength() : 64);
        // An LF right after the command's CR belongs to the command line, not to the payload,
        // whether it came in the same read or arrives later.
        payloadSkipLf = framer.justEndedWithCr();
    }

    @Override
    public void flushPayload() {
        if (payload != null) {
            endPayload(payload, false);
            pump();
            flush();
        }
    }

    // ------------------------------------------------------------------ output

    private void lineDone() {
        // Any command may have changed what the lines show (AT&C, AT+IFC, ATZ, AT&F …).
        publishLines();
        if (afterLine != null) {
            Runnable r = afterLine;
            afterLine = null;
            r.run();
            return;
        }
        while (!urcQueue.isEmpty()) {
            out.write(urcQueue.poll());
        }
        flush();
        if (pendingDataMode != null) {
            Runnable r = pendingDataMode;
            pendingDataMode = null;
            dataMode = true;
            r.run();
        }
        // Type-ahead runs when the event that finished this line is over (the entry's settle
        // step), so that what that event still prints (CLOSED after SEND FAIL) comes first.
    }

    @Override
    public void enterDataMode(Runnable entered) {
        if (executor.busy() || payload != null) {
            pendingDataMode = entered;
            return;
        }
        // Not inside a line (a connect completing later): the CONNECT URC is already out.
        while (!urcQueue.isEmpty()) {
            out.write(urcQueue.poll());
        }
        flush();
        dataMode = true;
        entered.run();
        pump();
        flush();
    }

    @Override
    public void leaveDataMode(String text) {
        dataMode = false;
        pendingDataMode = null;
        framer.reset();
        if (text.equals("OK")) {
            writer.result(dev.sim800emu.modem.at.ResultCode.OK);
        } else {
            writer.text(text);
        }
        while (!urcQueue.isEmpty()) {
            out.write(urcQueue.poll());
        }
        flush();
        publishLines();
        pump();
        flush();
    }

    @Override
    public void writeData(byte[] bytes) {
        if (out.isEmpty() && held.isEmpty() && !outputHeld()) {
            serial.write(bytes); // the common case in data mode: no copy through the output buffer
            return;
        }
        out.write(bytes);
        flush();
    }

    @Override
    public void linesChanged() {
        publishLines(); // input readiness follows in the settle step
    }

    /** True while the serial line is in transparent data mode. */
    public boolean inDataMode() {
        return dataMode;
    }

    /** Runs {@code action} once the current line's final result has been printed (reboot, power down). */
    public void afterLine(Runnable action) {
        this.afterLine = () -> {
            flush();
            action.run();
        };
    }

    @Override
    public void urc(Consumer<ResponseWriter> format) {
        if (power != Power.ON) {
            return;
        }
        if (executor.busy() || payload != null || dataMode || pendingDataMode != null) {
            ByteSink tmp = new ByteSink(32);
            format.accept(new ResponseWriter(active, tmp));
            urcQueue.add(tmp.drain());
        } else {
            format.accept(writer);
            flush();
        }
    }

    /**
     * Sends pending output, unless the host holds it back: RTS off with AT+IFC=2,x, or the
     * endpoint's socket full. Held output waits in order; while it waits, the links stop being
     * read (the peers are back-pressured) so that it cannot grow without bound.
     */
    private void flush() {
        if (out.isEmpty() && held.isEmpty()) {
            return;
        }
        if (outputHeld()) {
            if (!out.isEmpty()) {
                held.write(out.drain());
            }
            tcpip.hostBackpressure(held.size() > HELD_LIMIT);
            return;
        }
        if (!held.isEmpty()) {
            serial.write(held.drain());
            tcpip.hostBackpressure(false);
        }
        if (!out.isEmpty()) {
            serial.write(out.drain());
        }
    }

    private static final int HELD_LIMIT = 64 * 1024;

    private boolean outputHeld() {
        return (active.ifcDce == 2 && !rts) || !hostWritable;
    }

    // ------------------------------------------------------------------ the one door

    /** Nesting of {@link #entry}: 0 when no entry is running. */
    private int entryDepth;

    /**
     * Every way in — host input, host line changes, power, call and SMS events, timers and network
     * callbacks (see {@link EntryPorts}) — runs through here. The outermost entry ends by settling:
     * the inbox is pumped as far as the modem's state allows, queued URCs go out if nothing holds
     * them, output is flushed, link back-pressure follows the held output, and only then are input
     * readiness and the control lines recomputed and published. Whatever path an event takes, it
     * cannot leave input paused on a condition that no longer holds.
     *
     * <p>Calls made while an entry runs (a fake network answering synchronously, a command calling
     * {@link #reboot()}) just run; the outer entry settles. Listeners told about readiness or lines
     * may call back in (an endpoint handing over input it kept): those calls are entries of their
     * own.
     */
    private void entry(Runnable body) {
        if (entryDepth > 0) {
            body.run();
            return;
        }
        entryDepth++;
        try {
            body.run();
        } finally {
            try {
                pump();
                if (!executor.busy() && payload == null && !dataMode && pendingDataMode == null) {
                    while (!urcQueue.isEmpty()) {
                        out.write(urcQueue.poll());
                    }
                }
                flush();
                tcpip.hostBackpressure(held.size() > HELD_LIMIT);
            } finally {
                entryDepth--;
            }
            updateInputReady();
            publishLines();
        }
    }

    /**
     * Input pauses when the inbox holds 64 KiB or more (type-ahead behind a running command) or
     * when, in data mode, the transparent uplink is backed up. Called only at the end of an entry.
     */
    private void updateInputReady() {
        boolean ready = power != Power.ON
                || (inbox.size() < INBOX_LIMIT / 16 && !(dataMode && tcpip.uplinkCongested()));
        if (ready != inputReady) {
            inputReady = ready;
            lines.onInputReady(ready);
        }
    }

    // ------------------------------------------------------------------ services

    @Override
    public ModemClock clock() {
        return clock;
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public ModemConfig config() {
        return config;
    }

    @Override
    public boolean gprsAttached() {
        return radio.attached();
    }

    /** Bugs caught inside the engine since creation; any non-zero value is a defect. */
    public long internalErrors() {
        return internalErrors + executor.internalErrors();
    }

    /** Offset of the modem's real-time clock from the host's (AT+CCLK writes move it). */
    private java.time.Duration rtcOffset = java.time.Duration.ZERO;
    private java.time.ZoneOffset rtcZone = java.time.ZoneOffset.UTC;

    /** The modem's real-time clock: the host's wall clock, shifted by AT+CCLK. */
    public java.time.ZonedDateTime now() {
        return java.time.ZonedDateTime.now(config.wallClock()).plus(rtcOffset).withZoneSameInstant(rtcZone);
    }

    public void setClock(java.time.ZonedDateTime time) {
        rtcOffset = java.time.Duration.between(java.time.ZonedDateTime.now(config.wallClock()), time);
        rtcZone = time.getOffset();
    }

    public AppBearers appBearers() {
        return appBearers;
    }

    /**
     * The network withdraws GPRS service: the TCP/IP context drops (+PDP: DEACT) and open SAPBR
     * bearers close (+SAPBR n: DEACT).
     */
    public void dropGprs() {
        entry(() -> {
            for (int cid : appBearers.dropAll()) {
                urc(w -> w.text("+SAPBR " + cid + ": DEACT"));
            }
            tcpip.networkDeactivate();
        });
    }

    public Radio radio() {
        return radio;
    }

    public TcpIpStack tcpip() {
        return tcpip;
    }

    public Profile activeProfile() {
        return active;
    }

    public Profile savedProfile() {
        return saved;
    }

    public Profile factoryProfile() {
        return factory;
    }

    public ResponseWriter writer() {
        return writer;
    }

    /** The byte queue between the serial input and the framer. */
    private static final class Inbox {
        private byte[] buf = new byte[0];
        private int head;
        private int tail;

        int size() {
            return tail - head;
        }

        void add(byte[] data, int off, int len) {
            if (tail + len > buf.length) {
                int live = size();
                byte[] next = buf.length - live >= len && head > 0 ? buf : new byte[Math.max(64, (live + len) * 2)];
                System.arraycopy(buf, head, next, 0, live);
                buf = next;
                head = 0;
                tail = live;
            }
            System.arraycopy(data, off, buf, tail, len);
            tail += len;
        }

        int take() {
            int b = buf[head++] & 0xFF;
            if (head == tail) {
                clear();
            }
            return b;
        }

        int peek() {
            return buf[head] & 0xFF;
        }

        byte[] takeAll() {
            byte[] out = java.util.Arrays.copyOfRange(buf, head, tail);
            clear();
            return out;
        }

        void clear() {
            head = 0;
            tail = 0;
            if (buf.length > 4096) {
                buf = new byte[0];
            }
        }
    }
}
