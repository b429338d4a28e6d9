package dev.sim800emu.modem.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.device.DeviceScript;
import dev.sim800emu.modem.device.DeviceStats;
import dev.sim800emu.modem.device.ScriptedDevice;
import dev.sim800emu.modem.net.NetworkOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scripted devices in-process on a fleet's modems, against a loopback server of the test's own. */
class DevicesTest {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> done = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Socket, ByteArrayOutputStream> streams = new ConcurrentHashMap<>();
    private ServerSocket server;
    private Fleet fleet;

    @AfterEach
    void stop() throws IOException {
        if (fleet != null) {
            fleet.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Accepts connections and keeps, per connection, everything it sent. */
    private InetSocketAddress serve() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread reader = new Thread(() -> read(s));
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void read(Socket s) {
        ByteArrayOutputStream all = streams.computeIfAbsent(s, x -> new ByteArrayOutputStream());
        byte[] buf = new byte[4096];
        try (InputStream in = s.getInputStream()) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                synchronized (all) {
                    all.write(buf, 0, n);
                }
                received.add(java.util.Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // closed by the test
        }
        done.add(s);
    }

    private DeviceStats startDevices(int count, DeviceScript script) throws Exception {
        fleet = Fleet.start(new FleetPlan(count, 0, null, null, ModemConfig.defaults(), NetworkOptions.defaults(), 2,
                true), null, n -> { });
        DeviceStats stats = new DeviceStats(new SimpleMeterRegistry());
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(fleet.plan().id(i));
            String imei = fleet.plan().config(i, IpPool.primary(), IpPool.secondary()).identity().imei();
            new ScriptedDevice(script, id, imei, fleet.modem(i).eventLoop(), stats, i).attach(fleet.modem(i));
        }
        return stats;
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : received) {
            sb.append(new String(b, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    void devicesSendTheirMessagesAndReconnectAfterTheServerDropsThem() throws Exception {
        InetSocketAddress target = serve();
        DeviceScript script = new DeviceScript(target, 100, "dev {id} #{seq}\n", null, "internet", 50, 200);
        DeviceStats stats = startDevices(20, script);
        await(() -> stats.connected() == 20 && stats.sent() >= 60, "20 devices connected, 60 messages");
        String text = text();
        for (int i = 0; i < 20; i++) {
            assertThat(text).contains("dev " + i + " #1\n").contains("dev " + i + " #2\n");
        }
        // A network event: the server drops every device. They notice (CLOSED) and come back.
        List<Socket> first = new ArrayList<>(accepted);
        for (Socket s : first) {
            s.close();
        }
        await(() -> stats.restarts() >= 20 && accepted.size() >= 40 && stats.connected() == 20,
                "every device reconnected");
        long sentBefore = stats.sent();
        await(() -> stats.sent() >= sentBefore + 20, "messages flow again");
    }

    @Test
    void mqttDevicesConnectThenPublish() throws Exception {
        InetSocketAddress target = serve();
        DeviceScript script = new DeviceScript(target, 100, "{\"id\":{id},\"n\":{seq}}", null, "internet", 50, 200)
                .withMqtt("fleet/telemetry");
        DeviceStats stats = startDevices(3, script);
        await(() -> stats.sent() >= 9, "three publishes each");
        // Decode what one connection sent with Netty's own MQTT decoder.
        Socket one = accepted.get(0);
        one.close();
        await(() -> done.contains(one), "reader finished");
        EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        byte[] stream;
        synchronized (streams.get(one)) {
            stream = streams.get(one).toByteArray();
        }
        decoder.writeInbound(Unpooled.wrappedBuffer(stream));
        List<Object> packets = new ArrayList<>();
        for (Object o = decoder.readInbound(); o != null; o = decoder.readInbound()) {
            packets.add(o);
        }
        long connects = packets.stream().filter(p -> p instanceof MqttConnectMessage).count();
        assertThat(connects).isGreaterThanOrEqualTo(1);
        MqttConnectMessage c = (MqttConnectMessage) packets.stream().filter(p -> p instanceof MqttConnectMessage)
                .findFirst().orElseThrow();
        assertThat(c.payload().clientIdentifier()).startsWith("sim800-8643690");
        MqttPublishMessage p = (MqttPublishMessage) packets.stream().filter(x -> x instanceof MqttPublishMessage)
                .findFirst().orElseThrow();
        assertThat(p.variableHeader().topicName()).isEqualTo("fleet/telemetry");
        assertThat(p.payload().toString(StandardCharsets.UTF_8)).matches("\\{\"id\":[0-2],\"n\":\\d+}");
        decoder.finishAndReleaseAll();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
