package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ByteSink;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.LineExecutor;
import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.command.BasicCommands;
import dev.sim800emu.modem.command.BasicHost;
import dev.sim800emu.modem.command.BearerHost;
import dev.sim800emu.modem.command.BearerProfileCommands;
import dev.sim800emu.modem.command.GsmCommands;
import dev.sim800emu.modem.command.GsmHost;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.net.Payload;
import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.radio.ModemRtc;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.settings.Setting;
import dev.sim800emu.modem.tcpip.TcpIpCommands;
import dev.sim800emu.modem.tcpip.TcpIpStack;
import dev.sim800emu.modem.time.ModemClock;
import java.util.function.Consumer;

/**
 * One virtual SIM800: a sans-I/O engine. Bytes from the host go in through {@link #onSerialInput};
 * serial output leaves through the {@link SerialOutput} it is attached to; links and name lookups go
 * out through the {@link Network} port and come back as listener calls; time comes from a
 * {@link ModemClock}. It owns no thread and no socket, and must be used from one thread (its Netty
 * event loop, or a test).
 *
 * <h2>Rooms</h2>
 * The engine coordinates: {@link PowerSwitch} (off, booting, on), {@link ControlLines} (DTR/RTS in,
 * DCD/RI/CTS/DSR out, sleep), {@link SerialInput} (command, payload and data modes over the
 * {@link Inbox}) and {@link OutputQueue} (output buffer, URC queue, held output); the TCP/IP stack
 * reaches it through {@link StackHost}, the command families through {@link CommandHost}.
 *
 * <p>While a line runs, or waits for a network outcome, type-ahead waits in the inbox and URCs in
 * a queue that goes out right after the line's final result ({@link TimingStress} may hold both longer).
 *
 * <h2>Entry points settle</h2>
 * Everything that reaches the engine — serial input, line changes, timers and network callbacks
 * ({@link EntryPorts}), a line finishing — runs between {@link #enter()} and {@link #leave()}; the
 * outermost one ends in {@link #settle()}, the one way out.
 *
 * <p>A modem starts switched off; {@link #powerOn()} (a host connecting) boots it ({@link PowerSwitch}).
 */
public final class ModemEngine {
    /** Power states of the module. */
    public enum Power {
        OFF, BOOTING, ON
    }

    /** Every command of the chip; one immutable table shared by all modems of the process. */
    private static final CommandTable<ModemEngine> COMMANDS = CommandTable.build(families -> {
        BasicCommands.register(families.<BasicHost>section(m -> m.commandHost));
        GsmCommands.register(families.<GsmHost>section(m -> m.commandHost));
        BearerProfileCommands.register(families.<BearerHost>section(m -> m.commandHost));
        TcpIpCommands.register(families.section(ModemEngine::tcpip));
        Applications.register(families);
    });

    private final ModemConfig config;
    private final ModemClock clock;
    /** The clock as the modem's own timers see it: each task is an entry point. */
    private final ModemClock timers;
    private final Network network;
    private final Profile saved = new Profile();
    private final Profile active = new Profile();
    private final Radio radio;
    private final AppBearers appBearers = new AppBearers();
    private final ModemRtc rtc;
    private final NetworkEvents events = new NetworkEvents(this);
    private final ModemController controller = new ModemController(this);
    private final CommandHost commandHost = new CommandHost(this);
    private final TcpIpStack tcpip;
    final Applications apps = new Applications(this);

    final ControlLines wires = new ControlLines(this);
    final OutputQueue output;
    private final ResponseWriter writer;
    private final LineExecutor<ModemEngine> executor;
    final SerialInput input;
    private final PowerSwitch powerSwitch = new PowerSwitch(this);
    final TimingStress stress = new TimingStress(this);

    /** Nesting of entry points; the outermost one settles on the way out. */
    private int depth;
    private Runnable afterLine;

    /** The command table every modem shares (read-only; for documentation checks). */
    public static CommandTable<ModemEngine> commandTable() {
        return COMMANDS;
    }

    public ModemEngine(ModemConfig config, ModemClock clock, Network network) {
        this.config = config;
        this.clock = clock;
        // Timers and network callbacks are entry points: they come in through the engine's one door.
        this.timers = EntryPorts.clock(clock, EntryPorts.door(this));
        this.network = EntryPorts.network(network, EntryPorts.door(this));
        this.radio = new Radio(config);
        this.rtc = new ModemRtc(config.wallClock());
        this.tcpip = new TcpIpStack(new StackHost(this));
        this.output = new OutputQueue(() -> wires.holdsOutput() || stress.holdsOutput(), tcpip::hostBackpressure);
        this.writer = new ResponseWriter(active, output.sink());
        this.executor = new LineExecutor<>(COMMANDS, this, writer, this::lineDone, this::lineSuspended);
        this.input = new SerialInput(this, executor, output.sink());
    }

    // ------------------------------------------------------------------ entry and settling

    void enter() {
        depth++;
    }

    void leave() {
        if (--depth == 0) {
            settle();
        }
    }

    /** Runs {@code action} as an entry point. */
    void run(Runnable action) {
        enter();
        try {
            action.run();
        } finally {
            leave();
        }
    }

    /**
     * Feeds input on, releases URCs nothing holds, flushes, lets link reading follow the held
     * output; then publishes input readiness and the lines, so input cannot stay paused on a stale
     * condition whatever path an event took.
     */
    private void settle() {
        depth++;
        try {
            input.pump();
            if (!input.holdsUrcs() && !stress.holdsUrcs()) {
                output.releaseUrcs();
            }
            output.flush();
            tcpip.hostBackpressure(output.heldOverLimit());
        } finally {
            depth--;
        }
        // Off or booting, input is thrown away, so there is nothing to pause for; in command mode a
        // backed-up transparent uplink must not stop the host from typing AT+CIPCLOSE.
        wires.publishInputReady(powerSwitch.state() != Power.ON
                || (input.ready() && !(input.dataMode() && tcpip.uplinkCongested())));
        wires.publish();
    }

    // ------------------------------------------------------------------ serial line

    /** Sets where serial output goes. */
    public void attach(SerialOutput serial) {
        output.attach(serial);
    }

    /** Sets who hears DCD, RI, CTS and DSR changes (the current state at once). */
    public void attachLines(ModemLines listener) {
        wires.attach(listener);
    }

    /** Bytes from the host. */
    public void onSerialInput(byte[] data, int off, int len) {
        onSerialInput(null, data, off, len);
    }

    /** Bytes from the host still in the endpoint's buffer (data mode may send them on without a copy). */
    public void onSerialInput(Payload data) {
        onSerialInput(data, null, 0, 0);
    }

    private void onSerialInput(Payload payload, byte[] data, int off, int len) {
        enter();
        try {
            if (powerSwitch.on() && !wires.asleepForInput(clock.nowMillis())) {
                if (payload != null) {
                    input.accept(payload);
                } else {
                    input.accept(data, off, len);
                }
            }
        } finally {
            leave();
        }
    }

    public void onSerialInput(byte[] data) {
        onSerialInput(data, 0, data.length);
    }

    /** The control lines as last published. */
    public LineState lines() { return wires.published(); }

    /** Whether the modem can take more input (see {@link ModemLines#onInputReady}). */
    public boolean inputReady() { return wires.inputReady(); }

    /** The host raised (true) or dropped DTR. The lines are published as the engine settles. */
    public void hostDtr(boolean asserted) {
        run(() -> {
            if (wires.dtr(asserted, clock.nowMillis()) && !asserted && input.dataMode() && powerSwitch.on()) {
                tcpip.dtrDropped(active.get(Setting.AMP_D));
            }
        });
    }

    /** The host raised (true) or dropped RTS: with AT+IFC=2,2 the modem stops sending while off. */
    public void hostRts(boolean asserted) {
        run(() -> wires.rts(asserted));
    }

    /** The serial endpoint's socket can (or cannot) take more output: its own back-pressure. */
    public void hostWritable(boolean writable) {
        run(() -> output.hostWritable(writable));
    }

    /** The host set its UART rate (RFC 2217 SET-BAUDRATE). */
    public void hostBaud(int bitsPerSecond) {
        wires.hostBaud(bitsPerSecond);
    }

    /** The UART rate --baud-pacing paces at: the host's (RFC 2217), else AT+IPR, else 115200. */
    public int serialRate() { return wires.serialRate(); }

    public boolean dtr() {
        return wires.dtr();
    }
    public boolean rts() {
        return wires.rts();
    }
    public int hostBaud() {
        return wires.hostBaud();
    }

    /** True when AT+CSCLK lets the modem sleep right now (mode 1 and DTR off). */
    public boolean sleeping() {
        return powerSwitch.on() && wires.sleeping();
    }

    /** True while the serial line is in transparent data mode. */
    public boolean inDataMode() { return input.dataMode(); }

    // ------------------------------------------------------------------ power

    /** Switches the modem on; it answers once booted. Does nothing if it is already on. */
    public void powerOn() {
        run(() -> powerSwitch.powerOn());
    }

    /** Cuts power: every link is dropped at once and nothing more is printed. */
    public void powerOff() {
        run(() -> powerSwitch.powerOff());
    }

    /** A reset (AT+CFUN=1,1): links dropped, active settings back to the saved profile, boot again. */
    public void reboot() {
        run(() -> powerSwitch.reboot());
    }

    public Power power() { return powerSwitch.state(); }

    /** Power loss or reset: everything volatile goes, in every room. */
    void clearVolatileState() {
        output.dropHeld();
        stress.reset();
        wires.reset();
        executor.abort();
        afterLine = null;
        input.reset();
        tcpip.reset();
        radio.reset();
        events.reset();
        appBearers.reset();
        apps.reset();
        output.clear();
    }

    // ------------------------------------------------------------------ lines and URCs

    /** The executor printed a line's final result; under --stress-timing it may go later. */
    private void lineDone() {
        if (!stress.deferResult(this::lineFinished)) {
            lineFinished();
        }
    }

    private void lineFinished() {
        enter();
        try {
            // Any command may have changed what the lines show (AT&C, AT+IFC, ATZ, AT&F …).
            wires.publish();
            if (afterLine != null) {
                Runnable r = afterLine;
                afterLine = null;
                output.flush();
                r.run();
                return;
            }
            if (!stress.holdsUrcs()) {
                output.releaseUrcs();
            }
            output.flush();
            input.startPendingDataMode();
            // Type-ahead runs when the event that finished this line is over (the settle step),
            // so that what that event still prints (CLOSED after SEND FAIL) comes first.
        } finally {
            leave();
        }
    }

    /** A command went pending: what it printed (a prompt) goes to the host at once. */
    private void lineSuspended() {
        enter(); // not run(lambda): nothing allocated per CIPSEND prompt
        try {
            output.flush();
        } finally {
            leave();
        }
    }

    /** Runs {@code action} once the current line's final result has been printed (reboot, power down). */
    public void afterLine(Runnable action) {
        this.afterLine = action;
    }

    /** Emits an unsolicited result now, or queues it until the running line (or data mode) is over. */
    public void urc(Consumer<ResponseWriter> format) {
        enter();
        try {
            if (!powerSwitch.on()) {
                return;
            }
            if (stress.holdUrc() || input.holdsUrcs()) {
                ByteSink tmp = new ByteSink(32);
                format.accept(new ResponseWriter(active, tmp));
                output.queueUrc(tmp.drain());
            } else {
                format.accept(writer);
                output.flush();
            }
        } finally {
            leave();
        }
    }

    // ------------------------------------------------------------------ services

    /** The modem's clock; tasks scheduled on it run as entry points of this engine. */
    public ModemClock clock() { return timers; }

    public Network network() { return network; }

    public ModemConfig config() { return config; }

    /** Bugs caught inside the engine since creation; any non-zero value is a defect. */
    public long internalErrors() {
        return input.internalErrors() + executor.internalErrors();
    }

    /** The modem's real-time clock (AT+CCLK). */
    public ModemRtc rtc() { return rtc; }

    /** The control plane's view: radio and network events, faults, conditions, status. */
    public ControlTarget control() { return controller; }

    /** Calls, messages and GPRS loss, as the network brings them. */
    public NetworkEvents events() { return events; }

    public AppBearers appBearers() { return appBearers; }

    public Radio radio() { return radio; }

    public TcpIpStack tcpip() { return tcpip; }

    /** The active settings. */
    public Profile settings() { return active; }

    /** The settings AT&W saved. */
    public Profile savedSettings() { return saved; }

    public ResponseWriter writer() { return writer; }
}
