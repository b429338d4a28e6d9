package dev.sim800emu.modem.testing;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An engine with a fake network and a manual clock; the test plays the host. {@link #send}
 * types bytes, {@link #take} returns (and forgets) everything the modem printed since.
 */
public final class ModemHarness {
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
}
