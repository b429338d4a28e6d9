package dev.sim800emu.modem.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.testing.FakeControlledModem;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP/JSON control API over real loopback sockets, against fake modems. */
@Timeout(20)
class ControlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeControlledModem modem = new FakeControlledModem();
    private final FakeControlledModem other = new FakeControlledModem();
    private ControlServer server;

    record Reply(int status, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }
    }

    private void start(String token) throws Exception {
        ModemRegistry modems = ModemRegistry.of(modem);
        modems.register("spare", other);
        server = ControlServer.start(modems, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), token);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Reply post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void listsTheModemsWithTheirStatus() throws Exception {
        start(null);
        other.refusal = "the modem is off";
        Reply r = get("/modems");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("modems")).hasSize(2);
        JsonNode first = r.body().path("modems").get(0);
        assertThat(first.path("id").asText()).isEqualTo("0");
        assertThat(first.path("status").path("ipState").asText()).isEqualTo("CONNECT OK");
        JsonNode second = r.body().path("modems").get(1);
        assertThat(second.path("id").asText()).isEqualTo("spare");
        assertThat(second.path("error").asText()).isEqualTo("the modem is off");
    }

    @Test
    void oneModemsStatus() throws Exception {
        start(null);
        Reply r = get("/modems/0");
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.body();
        assertThat(s.path("power").asText()).isEqualTo("ON");
        assertThat(s.path("registration").asText()).isEqualTo("HOME");
        assertThat(s.path("rssi").asInt()).isEqualTo(20);
        assertThat(s.path("network").path("downKbps").asDouble()).isEqualTo(40.0);
        assertThat(s.path("network").path("latencyMs").asInt()).isEqualTo(600);
        assertThat(s.path("links").get(0).path("remote").asText()).isEqualTo("127.0.0.1:5000");
        assertThat(get("/modems/0/").status()).as("a trailing slash").isEqualTo(200);
    }

    @Test
    void aVerbReachesTheModem() throws Exception {
        start(null);
        Reply r = post("/modems/0/signal", "{\"rssi\":10,\"ber\":0}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("ok").asBoolean()).isTrue();
        assertThat(post("/modems/0/register", "{\"state\":\"roaming\"}").status()).isEqualTo(200);
        assertThat(post("/modems/spare/link", "{\"id\":1,\"fault\":\"blackhole\"}").status()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/modems/0/pdp-deact"))
                .POST(HttpRequest.BodyPublishers.noBody())).status()).as("no body at all").isEqualTo(200);
        assertThat(modem.applied).containsExactly(new ControlCommand.Signal(10, 0),
                new ControlCommand.Register(Registration.ROAMING), new ControlCommand.PdpDeact());
        assertThat(other.applied).containsExactly(new ControlCommand.Link(1, LinkFault.BLACKHOLE));
    }

    @Test
    void badRequestsGetAnErrorAndChangeNothing() throws Exception {
        start(null);
        Reply r = post("/modems/7/signal", "{\"rssi\":10}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("no modem '7' (modems: 0, spare)");
        assertThat(get("/modems/7").status()).isEqualTo(404);

        r = post("/modems/0/fly", "{}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).startsWith("unknown verb 'fly' (known: signal, register,");

        r = post("/modems/0/signal", "{\"rssi\":40}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("signal: 'rssi' must be 0..31 or 99, not 40");

        r = post("/modems/0/signal", "{\"rssi\":10");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).startsWith("malformed JSON: ");

        assertThat(post("/modems/0/signal", "{\"rssi\":10} {}").status()).as("trailing garbage").isEqualTo(400);
        assertThat(post("/modems/0/signal", "{\"rssi\":10,\"rssi\":11}").status()).as("a field twice").isEqualTo(400);
        assertThat(post("/modems/0/signal", "{\"rssi\":10,\"bar\":1}").status()).as("unknown field").isEqualTo(400);
        assertThat(post("/modems/0/register", "\"home\"").status()).as("not an object").isEqualTo(400);

        assertThat(get("/modems/0/signal").status()).isEqualTo(405);
        assertThat(post("/modems", "{}").status()).isEqualTo(405);
        assertThat(get("/nothing-here").status()).isEqualTo(404);
        assertThat(get("/modems/0/link/1").status()).isEqualTo(404);
        assertThat(modem.applied).isEmpty();
    }

    @Test
    void aRefusalIs409WithTheModemsWords() throws Exception {
        start(null);
        modem.refusal = "link 3 is not open";
        Reply r = post("/modems/0/link", "{\"id\":3,\"fault\":\"reset\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).isEqualTo("link 3 is not open");
        assertThat(get("/modems/0").status()).isEqualTo(409);
    }

    @Test
    void browsersAreTurnedAway() throws Exception {
        start(null);
        Reply r = send(HttpRequest.newBuilder(uri("/modems/0/reboot")).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(modem.applied).isEmpty();
    }

    @Test
    void withATokenEveryRequestNeedsIt() throws Exception {
        start("s3cret-token");
        Reply r = get("/modems");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).contains("Authorization: Bearer");
        assertThat(send(HttpRequest.newBuilder(uri("/modems/0/reboot")).header("Authorization", "Bearer wrong-token")
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/modems/0/reboot")).header("Authorization", "s3cret-token")
                .POST(HttpRequest.BodyPublishers.noBody())).status()).as("without the scheme").isEqualTo(401);
        assertThat(modem.applied).isEmpty();
        assertThat(send(HttpRequest.newBuilder(uri("/modems/0/reboot")).header("Authorization", "Bearer s3cret-token")
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
        assertThat(modem.applied).containsExactly(new ControlCommand.Reboot());
    }

    @Test
    void aNonLoopbackAddressNeedsAToken() {
        InetSocketAddress any = new InetSocketAddress("0.0.0.0", 7080);
        assertThatThrownBy(() -> ControlAccess.forBind(any, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0.0.0.0 is not a loopback address: anyone who can reach it could drive the modem, "
                        + "so give --control-token TOKEN too");
        assertThat(ControlAccess.forBind(any, "long-enough").tokenRequired()).isTrue();
        assertThat(ControlAccess.forBind(new InetSocketAddress("127.0.0.1", 7080), null).tokenRequired()).isFalse();
        assertThatThrownBy(() -> ControlAccess.forBind(any, "short")).hasMessageContaining("8 to 256");
        assertThatThrownBy(() -> ControlAccess.forBind(any, "has spaces in it")).hasMessageContaining("8 to 256");
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        start(null);
        String big = "{\"text\":\"" + "x".repeat(ControlServer.MAX_BODY) + "\"}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/modems/0/ussd"))
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(modem.applied).isEmpty();
    }

    @Test
    void garbageOnTheSocketIsAnsweredAndTheServerLivesOn() throws Exception {
        start(null);
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("\u0000\u0001 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 4");
        }
        assertThat(get("/modems/0").status()).isEqualTo(200);
    }

    @Test
    void theHostCheckReportIsJsonAndA404WhenTheCheckIsOff() throws Exception {
        // A real modem with --host-check on, and a host that types a line over the chip's 556 characters.
        NettyNetwork net = new NettyNetwork(group.next(), dev.sim800emu.modem.net.NetworkOptions.defaults());
        dev.sim800emu.modem.runtime.VirtualModem real = new dev.sim800emu.modem.runtime.VirtualModem(
                dev.sim800emu.modem.config.ModemConfig.builder().bootMillis(0).build(), net.eventLoop(), net);
        real.hostCheck(f -> { }).get(5, TimeUnit.SECONDS);
        real.hostConnected(bytes -> { }).get(5, TimeUnit.SECONDS);
        real.input(("AT" + "E".repeat(600) + "\r").getBytes(StandardCharsets.US_ASCII));
        ModemRegistry modems = ModemRegistry.of(modem);
        modems.register("real", real);
        server = ControlServer.start(modems, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), null);

        Reply r = get("/modems/real/host-check");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("counts").path("line-too-long").asInt()).isEqualTo(1);
        assertThat(r.body().path("findings").get(0).path("rule").asText()).isEqualTo("line-too-long");
        assertThat(r.body().path("findings").get(0).path("section").asText()).startsWith("§1.3");
        assertThat(r.body().path("summary").asText()).startsWith("host-check: 1 finding");

        Reply off = get("/modems/0/host-check");
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.error()).isEqualTo("host-check is off (start the emulator with --host-check)");
        assertThat(post("/modems/real/host-check", "{}").status()).as("a report is read, not posted").isEqualTo(405);
        net.close();
    }
}
