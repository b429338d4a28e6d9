package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import dev.sim800emu.modem.net.Protocol;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Plays transcripts against the bare engine, with a fake far end and a manual clock. */
final class EngineTarget implements TranscriptTarget {
    static final String SERVER = "127.0.0.1";

    private final ModemHarness h;
    private byte[] pending = new byte[0];
    private final Map<FakeLink, Integer> expected = new HashMap<>();

    EngineTarget(boolean echoOn) {
        h = echoOn ? new ModemHarness().booted() : new ModemHarness().quiet();
        h.net.name("www.baidu.com", "127.0.0.77", "127.0.0.78");
        h.net.name("www.sim.com", SERVER);
    }

    static Map<String, String> vars() {
        return Map.of("LOCAL_IP", "10.78.245.128", "SERVER", SERVER, "TCP_PORT", "5000", "UDP_PORT", "5001");
    }

    @Override
    public void send(byte[] bytes) {
        h.send(bytes);
        settle();
    }

    /** Connects links that are connecting and acknowledges whatever was sent, as a fast peer would. */
    private void settle() {
        for (FakeLink l : h.net.links) {
            if (!l.closed) {
                l.autoAck = true;
                if (!connected.contains(l)) {
                    connected.add(l);
                    l.connect();
                }
                l.ackAll();
            }
        }
    }

    private final java.util.Set<FakeLink> connected = new java.util.HashSet<>();

    @Override
    public byte[] read(int n) {
        settle();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(pending);
        all.writeBytes(h.takeBytes());
        byte[] b = all.toByteArray();
        if (b.length <= n) {
            pending = new byte[0];
            return b;
        }
        pending = Arrays.copyOfRange(b, n, b.length);
        return Arrays.copyOf(b, n);
    }

    @Override
    public byte[] rest() {
        return read(Integer.MAX_VALUE);
    }

    /** "tcp" is the newest TCP link, "tcp#n" the n-th one opened (from 0). */
    private FakeLink link(String proto) {
        String[] parts = proto.split("#");
        Protocol p = Protocol.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        java.util.List<FakeLink> ofKind = h.net.links.stream().filter(l -> l.request.protocol() == p).toList();
        if (ofKind.isEmpty()) {
            throw new AssertionError("no " + proto + " link");
        }
        return parts.length > 1 ? ofKind.get(Integer.parseInt(parts[1])) : ofKind.get(ofKind.size() - 1);
    }

    @Override
    public void act(Transcript.Action a) {
        switch (a.verb()) {
            case "wait" -> h.clock.advance(a.millis());
            case "send" -> link(a.proto()).receive(a.data());
            case "close" -> link(a.proto()).peerClose();
            case "expect" -> {
                FakeLink l = link(a.proto());
                byte[] all = l.sent.toByteArray();
                int from = expected.getOrDefault(l, 0);
                assertThat(Arrays.copyOfRange(all, from, all.length)).isEqualTo(a.data());
                expected.put(l, all.length);
            }
            default -> throw new IllegalArgumentException("unknown action " + a.verb());
        }
        settle();
    }

    @Override
    public void close() {
        assertThat(h.modem.internalErrors()).isZero();
    }
}
