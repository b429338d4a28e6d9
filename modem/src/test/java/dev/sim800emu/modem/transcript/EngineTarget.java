package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.json.CommandJson;
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
        this(echoOn, ModemConfig.builder().bootMillis(0).activationMillis(0).build());
    }

    EngineTarget(boolean echoOn, ModemConfig config) {
        this(echoOn, new ModemHarness(config));
    }

    /** A target on a harness of the caller's making (a field capture's operator, signal, address). */
    EngineTarget(boolean echoOn, ModemHarness harness) {
        h = echoOn ? harness.booted() : harness.quiet();
        h.net.name("www.baidu.com", "127.0.0.77", "127.0.0.78");
        h.net.name("www.sim.com", SERVER);
    }

    /** The engine under the transcript (for watchers such as the host check). */
    ModemHarness harness() {
        return h;
    }

    static final int UDP_PORT = 5001;
    static final int UDP2_PORT = 5002;

    static Map<String, String> vars() {
        return Map.of("LOCAL_IP", "10.78.245.128", "LOCAL_IP2", "10.204.70.11", "SERVER", SERVER,
                "TCP_PORT", "5000", "UDP_PORT", Integer.toString(UDP_PORT), "UDP2_PORT", Integer.toString(UDP2_PORT),
                "MODEM_PORT", "1234", "LOCAL_UDP_PORT", "8888");
    }

    /** The client connected to the modem's server, if any. */
    private FakeLink client;
    private final Map<Integer, Integer> udpExpected = new HashMap<>();

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

    private static final java.net.InetSocketAddress UDP_PEER = new java.net.InetSocketAddress(SERVER, UDP_PORT);
    private static final java.net.InetSocketAddress UDP2_PEER = new java.net.InetSocketAddress(SERVER, UDP2_PORT);

    @Override
    public void act(Transcript.Action a) {
        String who = a.proto() == null ? "" : a.proto();
        if (who.equals("ctl")) {
            // The control plane: "= ctl VERB {json}", the same verbs and arguments as the HTTP API.
            h.modem.control().apply(CommandJson.parse(a.verb(), Json.parse(a.data())));
            settle();
            return;
        }
        if (who.equals("client") || who.startsWith("udp")) {
            actOther(who, a);
            settle();
            return;
        }
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

    /** The modem server's client, and the UDP peers, which datagrams tell apart by port. */
    private void actOther(String who, Transcript.Action a) {
        switch (who + " " + a.verb()) {
            case "client connect" -> {
                client = h.net.servers.get(h.net.servers.size() - 1).accept(SERVER, 40000);
                connected.add(client);
            }
            case "client send" -> client.receive(a.data());
            case "client close" -> client.peerClose();
            case "client expect" -> {
                byte[] all = client.sent.toByteArray();
                int from = expected.getOrDefault(client, 0);
                assertThat(Arrays.copyOfRange(all, from, all.length)).isEqualTo(a.data());
                expected.put(client, all.length);
            }
            case "udp send" -> link("udp").receiveFrom(a.data(), UDP_PEER);
            case "udp2 send" -> link("udp").receiveFrom(a.data(), UDP2_PEER);
            case "udp expect", "udp2 expect" -> {
                FakeLink l = link("udp");
                int port = who.equals("udp") ? UDP_PORT : UDP2_PORT;
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                int seen = udpExpected.getOrDefault(port, 0);
                int index = 0;
                for (int i = 0; i < l.datagrams.size(); i++) {
                    if (l.destinations.get(i).getPort() == port && index++ >= seen) {
                        got.writeBytes(l.datagrams.get(i));
                    }
                }
                udpExpected.put(port, index);
                assertThat(got.toByteArray()).isEqualTo(a.data());
            }
            default -> throw new IllegalArgumentException("unknown action " + who + " " + a.verb());
        }
    }

    @Override
    public void close() {
        assertThat(h.modem.internalErrors()).isZero();
    }
}
