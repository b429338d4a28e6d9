package dev.sim800emu.modem.testing;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine with a fake network and a manual clock; the test plays the host. {@link #send}
 * types bytes, {@link #take} returns (and forgets) everything the modem printed since.
 *
 * <p>Every harness is checked after the test that created it (by {@link HarnessCheckExtension}
 * for JUnit tests and {@link HarnessCheckHook} for jqwik properties, both registered
 * automatically): the engine must have had no internal error, and the test must have read all
 * the modem printed. So a test expecting {@code ERROR} cannot pass on a crash, and no reply goes
 * unchecked.
 */
public final class ModemHarness {
    /** Harnesses created on this thread and not checked yet. */
    private static final ThreadLocal<List<ModemHarness>> UNCHECKED = ThreadLocal.withInitial(ArrayList::new);

    public final ManualClock clock = new ManualClock();
    public final FakeNetwork net = new FakeNetwork();
    public final ModemEngine modem;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    public ModemHarness() {
        this(ModemConfig.builder().bootMillis(0).activationMillis(0).build());
    }

    public ModemHarness(ModemConfig config) {
        modem = new ModemEngine(config, clock, net);
        modem.attach(output::writeBytes);
        UNCHECKED.get().add(this);
    }

    /** Powers on and discards the boot URCs. */
    public ModemHarness booted() {
        modem.powerOn();
        clock.advance(modem.config().bootMillis());
        take();
        return this;
    }

    /** Same as {@link #booted()}, then turns echo off so replies can be compared alone. */
    public ModemHarness quiet() {
        booted();
        send("ATE0\r");
        take();
        return this;
    }

    public ModemHarness send(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        modem.onSerialInput(b, 0, b.length);
        return this;
    }

    public ModemHarness send(byte[] b) {
        modem.onSerialInput(b, 0, b.length);
        return this;
    }

    /** Everything printed since the last take, as Latin-1 text. */
    public String take() {
        String s = output.toString(StandardCharsets.ISO_8859_1);
        output.reset();
        return s;
    }

    public byte[] takeBytes() {
        byte[] b = output.toByteArray();
        output.reset();
        return b;
    }

    /** Sends a command line (CR appended) and returns what the modem printed. */
    public String at(String line) {
        send(line + "\r");
        return take();
    }

    /**
     * Transparent mode (AT+CIPMODE=1) to the manual's example server: attached, one link opened,
     * connected ({@code CONNECT} taken) and acknowledging what it is sent; the line is in data mode.
     */
    public FakeNetwork.FakeLink transparentLink() {
        at("AT+CIPMODE=1");
        at("AT+CSTT=\"CMNET\"");
        at("AT+CIICR");
        at("AT+CIFSR");
        at("AT+CIPSTART=\"TCP\",\"116.228.221.51\",\"8500\"");
        FakeNetwork.FakeLink l = net.last();
        l.autoAck = true;
        l.connect();
        String connect = take();
        if (!connect.equals("\r\nCONNECT\r\n")) {
            throw new AssertionError("expected CONNECT, got " + connect);
        }
        return l;
    }

    /**
     * Checks this harness now (the automatic check then skips it): no internal error in the
     * engine and no output left unread.
     *
     * @throws AssertionError naming what is wrong
     */
    public void verify() {
        UNCHECKED.get().remove(this);
        String problem = problem();
        if (problem != null) {
            throw new AssertionError(problem);
        }
    }

    private String problem() {
        List<String> problems = new ArrayList<>();
        long errors = modem.internalErrors();
        if (errors != 0) {
            problems.add("the engine had " + errors + " internal error(s) (see the log)");
        }
        if (output.size() > 0) {
            problems.add("modem output left unread: \"" + visible(output.toString(StandardCharsets.ISO_8859_1)) + "\"");
        }
        return problems.isEmpty() ? null : "ModemHarness: " + String.join("; ", problems);
    }

    /**
     * Checks every harness created on this thread since the last check, and forgets them.
     *
     * @throws AssertionError listing what is wrong with each failing harness
     */
    static void verifyAll() {
        List<ModemHarness> all = new ArrayList<>(UNCHECKED.get());
        UNCHECKED.get().clear();
        List<String> problems = new ArrayList<>();
        for (ModemHarness h : all) {
            String p = h.problem();
            if (p != null) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), problems));
        }
    }

    /** Forgets the harnesses created on this thread without checking them. */
    static void forgetAll() {
        UNCHECKED.get().clear();
    }

    private static String visible(String s) {
        String shown = s.replace("\r", "\\r").replace("\n", "\\n").replace("\u001a", "\\x1a")
                .replace("\u001b", "\\x1b");
        return shown.length() > 400 ? shown.substring(0, 400) + "... (" + s.length() + " bytes)" : shown;
    }
}
