package dev.sim800emu.modem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.FakeNetwork.FakeServer;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A fuzz run against one engine on the manual clock: a script of host input (mutated command
 * lines, random bytes, long lines, +++ escapes, payload ends), network events played by the fake
 * network, host line changes, modem events and clock moves. The host behaves like a serial
 * endpoint: it holds its input while the modem is not ready and hands it over when it is (unless
 * the script says it ignores flow control, as a PTY does), in chunks of a size the script picks.
 *
 * <p>{@link #assertLive()} is the liveness check after a run: once every condition the host and the
 * network can free has been freed and the clock has moved past 75 s, input is taken (nothing the
 * host holds back is left), {@code AT} is answered {@code OK}, and no internal error was caught.
 */
final class EngineFuzz {

    /** One thing that happens during a run. */
    sealed interface Step permits TypeLine, TypeLong, TypeBytes, Special, Tick, Net, HostLine, Event {
    }

    record TypeLine(Inputs.Line line) implements Step {
    }

    record TypeLong(Inputs.LongLine line) implements Step {
    }

    record TypeBytes(byte[] bytes) implements Step {
        @Override
        public String toString() {
            return "TypeBytes" + (bytes.length <= 16 ? Arrays.toString(bytes) : "[" + bytes.length + " bytes]");
        }
    }

    enum SpecialKind { ESCAPE, CTRL_Z, ESC, PAYLOAD_TEXT }

    record Special(SpecialKind kind) implements Step {
    }

    record Tick(long millis) implements Step {
    }

    enum NetKind { CONNECT, REFUSE, RECEIVE, ACK, AUTO_ACK, PEER_CLOSE, ACCEPT, ANSWER_LOOKUPS, ANSWER_LISTENS }

    record Net(NetKind kind, int pick, int size) implements Step {
    }

    enum Wire { DTR, RTS, WRITABLE }

    record HostLine(Wire wire, boolean on) implements Step {
    }

    enum EventKind { CALL, HANG_UP, SMS, DROP_GPRS, POWER_CYCLE, POWER_OFF }

    record Event(EventKind kind) implements Step {
    }

    /** A run: how the host behaves, how the network answers, and what happens. */
    record Script(boolean respectsFlowControl, int chunk, boolean deferLookups, boolean deferListens,
                  List<Step> steps) {
    }

    // ------------------------------------------------------------------ generation

    static Arbitrary<Step> steps() {
        Arbitrary<Step> line = Inputs.lines().map(TypeLine::new);
        Arbitrary<Step> longLine = Inputs.longLines(1_000, 70_000).map(TypeLong::new);
        Arbitrary<Step> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300).map(TypeBytes::new);
        Arbitrary<Step> special = Arbitraries.of(SpecialKind.class).map(Special::new);
        Arbitrary<Step> tick = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.longs().between(0, 300)),
                Tuple.of(5, Arbitraries.longs().between(300, 1_500)),
                Tuple.of(2, Arbitraries.just(5_000L)),
                Tuple.of(1, Arbitraries.just(80_000L))).map(Tick::new);
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(1, 3_000)),
                Tuple.of(1, Arbitraries.integers().between(60_000, 300_000)));
        Arbitrary<Step> net = Combinators.combine(Arbitraries.of(NetKind.class), Arbitraries.integers().between(0, 7),
                size).as(Net::new);
        Arbitrary<Step> wire = Combinators.combine(Arbitraries.of(Wire.class), Arbitraries.of(true, false))
                .as(HostLine::new);
        Arbitrary<Step> event = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(EventKind.CALL, EventKind.HANG_UP, EventKind.SMS, EventKind.DROP_GPRS)),
                Tuple.of(1, Arbitraries.of(EventKind.POWER_CYCLE, EventKind.POWER_OFF))).map(Event::new);
        return Arbitraries.frequencyOf(
                Tuple.of(40, line),
                Tuple.of(3, longLine),
                Tuple.of(6, bytes),
                Tuple.of(8, special),
                Tuple.of(15, tick),
                Tuple.of(20, net),
                Tuple.of(6, wire),
                Tuple.of(2, event));
    }

    static Arbitrary<Script> scripts(int maxSteps) {
        return Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                Arbitraries.of(1, 7, 64, 1_024, 65_536),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                steps().list().ofMinSize(maxSteps / 4).ofMaxSize(maxSteps)).as(Script::new);
    }

    // ------------------------------------------------------------------ running

    final ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).activationMillis(100).build());
    private final Script script;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private boolean draining;
    private LineState lines = LineState.OFF;
    /** Steps run, and bytes typed. */
    long inputs;
    long bytes;

    EngineFuzz(Script script) {
        this.script = script;
        h.net.name("peer.test", "10.0.0.3");
        h.net.deferLookups = script.deferLookups();
        h.net.deferListens = script.deferListens();
        h.modem.attachLines(new ModemLines() {
            @Override
            public void onLines(LineState state) {
                lines = state;
            }

            @Override
            public void onInputReady(boolean ready) {
                drain(); // an endpoint hands over what it kept as soon as the modem is ready
            }
        });
        h.booted();
    }

    void run() {
        for (Step s : script.steps()) {
            step(s);
            inputs++;
            if (inputs % 16 == 0) {
                h.take(); // the host reads its output
            }
        }
    }

    private void type(byte[] data) {
        bytes += data.length;
        int chunk = script.chunk();
        for (int off = 0; off < data.length; off += chunk) {
            byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk));
            if (script.respectsFlowControl()) {
                held.add(part);
                drain();
            } else {
                h.send(part);
            }
        }
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!held.isEmpty() && h.modem.inputReady()) {
                h.send(held.poll());
            }
        } finally {
            draining = false;
        }
    }

    private void step(Step s) {
        if (s instanceof TypeLine t) {
            type(Inputs.ascii(t.line().text(80, 53, 8888, false)));
        } else if (s instanceof TypeLong t) {
            type(t.line().bytes());
        } else if (s instanceof TypeBytes t) {
            type(t.bytes());
        } else if (s instanceof Special sp) {
            switch (sp.kind()) {
                case ESCAPE -> {
                    h.clock.advance(1_000);
                    type(Inputs.ascii("+++"));
                    h.clock.advance(1_000);
                }
                case CTRL_Z -> type(new byte[] {0x1A});
                case ESC -> type(new byte[] {0x1B});
                case PAYLOAD_TEXT -> type(Inputs.ascii("hello"));
                default -> throw new IllegalStateException();
            }
        } else if (s instanceof Tick t) {
            h.clock.advance(t.millis());
        } else if (s instanceof Net n) {
            network(n);
        } else if (s instanceof HostLine w) {
            switch (w.wire()) {
                case DTR -> h.modem.hostDtr(w.on());
                case RTS -> h.modem.hostRts(w.on());
                case WRITABLE -> h.modem.hostWritable(w.on());
                default -> throw new IllegalStateException();
            }
        } else if (s instanceof Event e) {
            switch (e.kind()) {
                case CALL -> h.modem.events().incomingCall();
                case HANG_UP -> h.modem.events().callEnded();
                case SMS -> h.modem.events().newSms(1);
                case DROP_GPRS -> h.modem.events().dropGprs();
                case POWER_CYCLE -> {
                    h.modem.powerOff();
                    h.modem.powerOn();
                }
                case POWER_OFF -> h.modem.powerOff();
                default -> throw new IllegalStateException();
            }
        }
    }

    private void network(Net n) {
        List<FakeLink> links = h.net.links.stream().filter(l -> !l.closed).toList();
        FakeLink l = links.isEmpty() ? null : links.get(n.pick() % links.size());
        switch (n.kind()) {
            case CONNECT -> {
                if (l != null) {
                    l.connect();
                }
            }
            case REFUSE -> {
                if (l != null) {
                    l.refuse();
                }
            }
            case RECEIVE -> {
                if (l != null) {
                    byte[] data = new byte[n.size()];
                    Arrays.fill(data, (byte) ('a' + n.pick()));
                    l.receive(data);
                }
            }
            case ACK -> {
                if (l != null) {
                    l.ackAll();
                }
            }
            case AUTO_ACK -> {
                if (l != null) {
                    l.autoAck = !l.autoAck;
                }
            }
            case PEER_CLOSE -> {
                if (l != null) {
                    l.peerClose();
                }
            }
            case ACCEPT -> {
                List<FakeServer> servers = h.net.servers.stream().filter(s -> !s.closed).toList();
                if (!servers.isEmpty()) {
                    servers.get(n.pick() % servers.size()).accept("10.0.0.9", 40_000 + n.pick());
                }
            }
            case ANSWER_LOOKUPS -> h.net.answerLookups();
            case ANSWER_LISTENS -> h.net.answerListens();
        }
    }

    // ------------------------------------------------------------------ liveness

    /** Frees everything the host and the network can free, then checks the modem answers. */
    void assertLive() {
        h.modem.hostWritable(true);
        h.modem.hostRts(true);
        h.modem.hostDtr(true);
        if (h.modem.power() != ModemEngine.Power.ON) {
            h.modem.powerOn();
        }
        h.net.deferLookups = false;
        h.net.deferListens = false;
        h.net.answerLookups();
        h.net.answerListens();
        for (FakeLink l : List.copyOf(h.net.links)) {
            l.autoAck = true;
            if (!l.closed) {
                l.ackAll();
                l.peerClose();
            }
        }
        h.clock.advance(80_000);
        assertThat(h.modem.inputReady()).as("input ready once everything is freed and 75 s have passed").isTrue();
        assertThat(held).as("input the host kept back has all been taken").isEmpty();
        if (h.modem.settings().get(dev.sim800emu.modem.settings.Setting.IFC_DTE) == 2) {
            assertThat(lines.cts()).as("CTS with AT+IFC=x,2").isTrue();
        }
        // End a payload in progress (Ctrl-Z form: ESC cancels; fixed length: filled), twice in case
        // the first bytes only woke the modem from AT+CSCLK=2 sleep.
        for (int i = 0; i < 2; i++) {
            type(Inputs.ascii("\u001b" + "x".repeat(1_460) + "\r\n"));
            h.clock.advance(200);
        }
        type(Inputs.ascii("AT&F\r"));
        type(Inputs.ascii("ATE0\r"));
        h.clock.advance(1_000);
        h.take();
        type(Inputs.ascii("AT\r"));
        assertThat(h.take()).as("AT answered").isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.inputReady()).isTrue();
        assertThat(h.modem.internalErrors()).as("internal errors").isZero();
    }
}
