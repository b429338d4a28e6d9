package dev.sim800emu.modem.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.control.http.ControlServer;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fleet of a few hundred modems over real sockets on loopback: every modem its own TCP serial
 * port and identity, per-modem control and fleet-wide selections through the HTTP API, and the
 * Prometheus metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetTest {
    private static final int COUNT = 300;
    private static final int FIRST_ID = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger progress = new AtomicInteger();
    private Fleet fleet;
    private FleetMetrics metrics;
    private ControlServer control;

    @BeforeAll
    void start() throws Exception {
        metrics = new FleetMetrics();
        FleetException last = null;
        // A free run of ports is found by trying: the capacity check refuses a base whose run is taken.
        // Below the ephemeral range (32768 up on Linux), where this JVM's and other processes' client
        // sockets come and go: a run of 300 there is rarely whole.
        for (int attempt = 0; attempt < 20 && fleet == null; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_700 - COUNT);
            try {
                fleet = Fleet.start(plan(new InetSocketAddress(InetAddress.getLoopbackAddress(), base)), metrics,
                        progress::set);
            } catch (FleetException e) {
                last = e;
            }
        }
        assertThat(fleet).as("fleet started (last refusal: %s)", last).isNotNull();
        control = ControlServer.start(fleet.registry(), fleet.group(), NettyNetwork.serverChannelType(fleet.group()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, metrics);
    }

    private static FleetPlan plan(InetSocketAddress base) {
        return new FleetPlan(COUNT, FIRST_ID, base, null, ModemConfig.defaults(), NetworkOptions.defaults(), 2, true);
    }

    @AfterAll
    void stop() {
        if (control != null) {
            control.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyModemHasItsOwnValidIdentityAndAddress() throws Exception {
        assertThat(progress.get()).isEqualTo(COUNT);
        Set<String> imeis = new HashSet<>();
        Set<String> iccids = new HashSet<>();
        Set<String> imsis = new HashSet<>();
        Set<String> ips = new HashSet<>();
        IpPool pool = IpPool.primary();
        for (int i = 0; i < COUNT; i++) {
            ModemConfig c = fleet.plan().config(i, pool, IpPool.secondary());
            imeis.add(c.identity().imei());
            iccids.add(c.identity().iccid());
            imsis.add(c.identity().imsi());
            ips.add(c.localIp().getHostAddress());
            assertThat(ModemIdentity.luhnValid(c.identity().imei())).isTrue();
            assertThat(ModemIdentity.luhnValid(c.identity().iccid())).isTrue();
            assertThat(c.localIp().getAddress()[3]).isNotIn((byte) 0, (byte) 255);
        }
        assertThat(List.of(imeis.size(), iccids.size(), imsis.size(), ips.size())).containsOnly(COUNT);
        // What the modems say on their own serial lines, for the first, the last and one between.
        Set<String> seen = new HashSet<>();
        for (int i : new int[] {0, 137, COUNT - 1}) {
            post("/modems/" + fleet.plan().id(i) + "/register", "{\"state\":\"home\"}"); // whatever other tests did
            ModemConfig want = fleet.plan().config(i, pool, IpPool.secondary());
            try (SerialClient s = new SerialClient(fleet.plan().tcp(i))) {
                String imei = SerialClient.value(s.command("AT+GSN"));
                assertThat(imei).hasSize(15).isEqualTo(want.identity().imei());
                assertThat(SerialClient.value(s.command("AT+CCID"))).isEqualTo(want.identity().iccid());
                assertThat(SerialClient.value(s.command("AT+CIMI"))).isEqualTo(want.identity().imsi());
                assertThat(s.command("AT+CSTT=\"internet\"")).isEqualTo("\r\nOK\r\n");
                assertThat(s.command("AT+CIICR")).isEqualTo("\r\nOK\r\n");
                // CIFSR answers with the bare address and no OK; the next command's reply follows it.
                assertThat(s.command("AT+CIFSR;+CSQ").strip()).startsWith(want.localIp().getHostAddress());
                seen.add(imei);
            }
        }
        assertThat(seen).hasSize(3);
    }

    /**
     * The first of {@code n} consecutive ports that are free now, below the ephemeral range so that
     * no client socket of this JVM lands among them (another process may hold any single port).
     */
    private static int freeRun(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (java.util.stream.IntStream.range(base, base + n).allMatch(FleetTest::bindable)) {
                return base;
            }
        }
        throw new IOException("no run of " + n + " free ports found");
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aCountThisMachineCannotHoldIsRefusedUpFront() throws Exception {
        int base = freeRun(5);
        try (ServerSocket taken = new ServerSocket(base + 2, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress first = new InetSocketAddress(InetAddress.getLoopbackAddress(), base);
            assertThatThrownBy(() -> Fleet.start(new FleetPlan(5, 0, first, null, ModemConfig.defaults(),
                    NetworkOptions.defaults(), 1, false), null, n -> { }))
                    .isInstanceOf(FleetException.class)
                    .hasMessage("port " + (base + 2) + " on 127.0.0.1 is in use (modem 2); choose another --tcp-base");
        }
        // PTYs are counted from procfs: a handful is always there to be had (4096 by default).
        assertThat(FleetCapacity.check(new FleetPlan(10, 0, null, java.nio.file.Path.of("/tmp/unused"),
                ModemConfig.defaults(), NetworkOptions.defaults(), 1, false))).isEmpty();
        assertThat(FleetCapacity.check(new FleetPlan(1_000_000 - 1, 0, null, java.nio.file.Path.of("/tmp/unused"),
                ModemConfig.defaults(), NetworkOptions.defaults(), 1, false))).isPresent();
        InetSocketAddress high = new InetSocketAddress(InetAddress.getLoopbackAddress(), 65_000);
        assertThatThrownBy(() -> Fleet.start(new FleetPlan(1000, 0, high, null, ModemConfig.defaults(),
                NetworkOptions.defaults(), 1, false), null, n -> { }))
                .hasMessage("1000 modems from port 65000 need ports up to 65999, past 65535");
        long limit = FleetCapacity.fdLimit();
        if (limit > 0 && limit < 300_000) {
            assertThatThrownBy(() -> Fleet.start(new FleetPlan(300_000, 0, null, null, ModemConfig.defaults(),
                    NetworkOptions.defaults(), 1, false), null, n -> { }))
                    .hasMessageStartingWith("300000 modems need about ")
                    .hasMessageContaining("but this process may open " + limit + " (raise it: ulimit -n ");
        }
    }

    @Test
    void oneModemIsControlledByItsId() throws Exception {
        JsonNode r = post("/modems/" + (FIRST_ID + 42) + "/signal", "{\"rssi\":7}");
        assertThat(r.path("ok").asBoolean()).isTrue();
        try (SerialClient s = new SerialClient(fleet.plan().tcp(42))) {
            assertThat(s.command("AT+CSQ")).isEqualTo("\r\n+CSQ: 7,0\r\n\r\nOK\r\n");
        }
        try (SerialClient s = new SerialClient(fleet.plan().tcp(43))) {
            assertThat(s.command("AT+CSQ")).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
        }
    }

    @Test
    void aSeededShareOfTheFleetLosesRegistration() throws Exception {
        JsonNode r = post("/fleet/register?select=10%25&seed=42", "{\"state\":\"searching\"}");
        assertThat(r.path("selected").asInt()).isEqualTo(30);
        assertThat(r.path("applied").asInt()).isEqualTo(30);
        Set<String> chosen = new HashSet<>();
        r.path("modems").forEach(n -> chosen.add(n.asText()));
        // The same seed picks the same modems.
        JsonNode again = post("/fleet/register?select=10%25&seed=42", "{\"state\":\"searching\"}");
        Set<String> chosenAgain = new HashSet<>();
        again.path("modems").forEach(n -> chosenAgain.add(n.asText()));
        assertThat(chosenAgain).isEqualTo(chosen);
        int in = -1;
        int out = -1;
        for (int i = 0; i < COUNT && (in < 0 || out < 0); i++) {
            if (chosen.contains(String.valueOf(fleet.plan().id(i)))) {
                in = in < 0 ? i : in;
            } else {
                out = out < 0 ? i : out;
            }
        }
        assertThat(creg(in)).isEqualTo("+CREG: 0,2");
        assertThat(creg(out)).isEqualTo("+CREG: 0,1");
        post("/fleet/register?select=all", "{\"state\":\"home\"}");
        assertThat(creg(in)).isEqualTo("+CREG: 0,1");
    }

    @Test
    void aRangeOfModemsIsSelectedByIds() throws Exception {
        JsonNode r = post("/fleet/signal?select=1010-1019", "{\"rssi\":3}");
        assertThat(r.path("selected").asInt()).isEqualTo(10);
        assertThat(r.path("modems").get(0).asText()).isEqualTo("1010");
        assertThat(csq(15)).isEqualTo("+CSQ: 3,0");
        assertThat(csq(20)).isEqualTo("+CSQ: 20,0");
        assertThat(status(HttpRequest.newBuilder(uri("/fleet/signal?select=5000-6000"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"rssi\":3}")))).isEqualTo(404);
        assertThat(status(HttpRequest.newBuilder(uri("/fleet/signal?select=banana"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"rssi\":3}")))).isEqualTo(400);
    }

    @Test
    void metricsCountModemsBytesAndCommands() throws Exception {
        try (SerialClient s = new SerialClient(fleet.plan().tcp(7))) {
            s.command("AT");
            s.command("AT+NOSUCH");
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        String text = r.body();
        double on = sample(text, "sim800_modems{power=\"ON\"}");
        double off = sample(text, "sim800_modems{power=\"OFF\"}");
        assertThat(on + off).isEqualTo(COUNT);
        assertThat(on).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "sim800_serial_bytes_total{direction=\"host_to_modem\"}")).isGreaterThan(0);
        assertThat(sample(text, "sim800_serial_bytes_total{direction=\"modem_to_host\"}")).isGreaterThan(0);
        assertThat(sample(text, "sim800_command_latency_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(sample(text, "sim800_command_errors_total{result=\"error\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "sim800_urcs_total{kind=\"sms_ready\"}")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("sim800_command_latency_seconds_bucket{le=");
    }

    private String creg(int i) throws IOException {
        try (SerialClient s = new SerialClient(fleet.plan().tcp(i))) {
            return SerialClient.value(s.command("AT+CREG?"));
        }
    }

    private String csq(int i) throws IOException {
        try (SerialClient s = new SerialClient(fleet.plan().tcp(i))) {
            return SerialClient.value(s.command("AT+CSQ"));
        }
    }

    private static double sample(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + text));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + control.localAddress().getPort() + path);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return body(HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode post(String path, String json) throws IOException, InterruptedException {
        return body(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode body(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private int status(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
