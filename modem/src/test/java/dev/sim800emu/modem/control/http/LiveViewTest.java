package dev.sim800emu.modem.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.control.testing.FakeControlledModem;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.ControlledModem;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.SerialObserver;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.tcpip.BearerMachine;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live view without a browser: its files, the token and origin rules on the page, the tables
 * and the socket, and the socket's events for a real modem driven through its serial line.
 */
@Timeout(30)
class LiveViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private NettyNetwork network;
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (network != null) {
            network.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void start(ModemRegistry modems, String token) throws InterruptedException {
        server = ControlServer.start(modems, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), token);
    }

    private String base() {
        return "127.0.0.1:" + server.localAddress().getPort();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + base() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsFilesComeWithTheirTypesAndCacheHeaders() throws Exception {
        start(ModemRegistry.of(new FakeControlledModem()), null);
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script src=\"/web/live.js\"");

        HttpResponse<String> js = get("/web/live.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("cache-control")).hasValue("no-cache");
        String etag = js.headers().firstValue("etag").orElseThrow();
        assertThat(get("/web/live.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/web/live.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/web/../../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/web/ModemWatch.class").statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://" + base() + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
    }

    @Test
    void nothingIsLoadedFromElsewhere() throws Exception {
        start(ModemRegistry.of(new FakeControlledModem()), null);
        for (String file : List.of("/", "/web/live.js", "/web/live.css")) {
            String body = get(file).body().replace("http://www.w3.org/2000/svg", "");
            assertThat(body).as(file).doesNotContain("http://", "https://", "url(//", "@import");
        }
    }

    @Test
    void theStateTablesAreTheEnginesOwn() throws Exception {
        start(ModemRegistry.of(new FakeControlledModem()), null);
        JsonNode tables = JSON.readTree(get("/state-tables").body());
        int moves = BearerMachine.table().values().stream().mapToInt(java.util.Map::size).sum();
        assertThat(tables.at("/bearer/transitions")).hasSize(moves);
        assertThat(tables.at("/bearer/states/0/label").asText()).isEqualTo("IP INITIAL");
        assertThat(tables.at("/ipStates/CONNECT OK").asText()).isEqualTo("STATUS");
        assertThat(tables.at("/ipStates/PDP DEACT").asText()).isEqualTo("DEACT");
        assertThat(tables.at("/ipStates/IP GPRSACT").asText()).isEqualTo("GPRSACT");
        assertThat(tables.at("/link/states")).hasSize(4);
    }

    @Test
    void withATokenThePageTheTablesAndTheSocketNeedIt() throws Exception {
        start(ModemRegistry.of(new FakeControlledModem()), TOKEN);
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/?token=wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/?token=" + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/state-tables").statusCode()).isEqualTo(401);
        assertThat(get("/state-tables", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/web/live.js").statusCode()).as("the script is the same for everyone").isEqualTo(200);

        assertThatThrownBy(() -> socket("/live", new Events()))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
        assertThatThrownBy(() -> socket("/live?token=wrong-token", new Events()))
                .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
        Events events = new Events();
        WebSocket ws = socket("/live?token=" + TOKEN, events);
        assertThat(events.await(e -> e.path("t").asText().equals("hello")).path("count").asInt()).isEqualTo(1);
        ws.abort();
    }

    @Test
    void onlyTheViewsOwnPagesMayCallFromABrowser() throws Exception {
        FakeControlledModem modem = new FakeControlledModem();
        start(ModemRegistry.of(modem), null);
        // the view's own fetch: Origin is this server as the browser addressed it
        HttpResponse<String> own = client.send(HttpRequest.newBuilder(URI.create("http://" + base() + "/modems/0/reboot"))
                .header("Origin", "http://" + base()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(modem.applied).hasSize(1);
        // another site's page, and a page whose name was rebound to 127.0.0.1
        assertThat(raw("POST /modems/0/reboot", "127.0.0.1", "http://evil.example")).startsWith("HTTP/1.1 403");
        assertThat(raw("POST /modems/0/reboot", "evil.example:" + server.localAddress().getPort(),
                "http://evil.example:" + server.localAddress().getPort())).startsWith("HTTP/1.1 403");
        assertThat(raw("GET /live", "evil.example", "http://evil.example")).startsWith("HTTP/1.1 403");
        assertThat(raw("GET /live", base(), "http://" + base())).startsWith("HTTP/1.1 101");
        assertThat(raw("GET /live", "localhost:1", "http://localhost:1")).startsWith("HTTP/1.1 101");
        assertThat(modem.applied).hasSize(1);
    }

    @Test
    void theSocketStreamsTheTraceAndStatesOfTheWatchedModemAndStopsWatchingWhenClosed() throws Exception {
        network = new NettyNetwork(group.next(), new NetworkOptions(null, DestinationPolicy.allowAll()));
        VirtualModem modem = new VirtualModem(ModemConfig.builder().bootMillis(0).activationMillis(0).build(),
                network.eventLoop(), network);
        modem.hostConnected(bytes -> { }).get(5, TimeUnit.SECONDS);
        CountingModem counted = new CountingModem(modem);
        start(ModemRegistry.of(counted), null);

        Events events = new Events();
        WebSocket ws = socket("/live", events);
        events.await(e -> e.path("t").asText().equals("hello"));
        ws.sendText("{\"watch\":\"0\"}", true).join();
        JsonNode ip = events.await(e -> e.path("t").asText().equals("ip"));
        assertThat(ip.path("state").asText()).isEqualTo("IP INITIAL");
        assertThat(ip.path("bearer").asText()).isEqualTo("INITIAL");
        assertThat(events.await(e -> e.path("t").asText().equals("radio")).path("registration").asText()).isEqualTo("HOME");
        assertThat(events.await(e -> e.path("t").asText().equals("links")).path("links")).hasSize(6);
        counted.awaitWatching(1);

        modem.input("AT+CSTT=\"CMNET\"\r".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(events.await(e -> e.path("t").asText().equals("ip")).path("bearer").asText()).isEqualTo("START");
        StringBuilder host = new StringBuilder();
        StringBuilder fromModem = new StringBuilder();
        events.await(e -> {
            for (JsonNode s : e.path("segments")) {
                (s.get(0).asText().equals("h") ? host : fromModem).append(s.get(1).asText());
            }
            return fromModem.toString().endsWith("OK\r\n");
        });
        assertThat(host.toString()).isEqualTo("AT+CSTT=\"CMNET\"\r");
        assertThat(fromModem.toString()).isEqualTo("AT+CSTT=\"CMNET\"\r\r\nOK\r\n");

        // the fleet table streams no trace: the modem is no longer watched
        ws.sendText("{\"fleet\":{}}", true).join();
        JsonNode fleet = events.await(e -> e.path("t").asText().equals("fleet"));
        assertThat(fleet.at("/counts/ipState/IP START").asInt()).isEqualTo(1);
        counted.awaitWatching(0);

        ws.sendText("{\"watch\":\"0\"}", true).join();
        counted.awaitWatching(1);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        counted.awaitWatching(0);
    }

    @Test
    void messagesThatAreNotUnderstoodAreAnsweredAndChangeNothing() throws Exception {
        FakeControlledModem modem = new FakeControlledModem();
        start(ModemRegistry.of(modem), null);
        Events events = new Events();
        WebSocket ws = socket("/live", events);
        events.await(e -> e.path("t").asText().equals("hello"));
        for (String bad : List.of("nonsense", "{\"watch\":\"7\"}", "{\"x\":1}", "[1,2]", "")) {
            ws.sendText(bad, true).join();
            assertThat(events.await(e -> e.path("t").asText().equals("error")).path("message").asText()).isNotEmpty();
        }
        ws.sendText("{\"watch\":\"0\"}", true).join();
        assertThat(events.await(e -> e.path("t").asText().equals("error")).path("message").asText())
                .as("a modem whose line cannot be watched still shows its states")
                .isEqualTo("no trace: this modem's serial line cannot be watched");
        assertThat(events.await(e -> e.path("t").asText().equals("ip")).path("state").asText()).isEqualTo("CONNECT OK");
        assertThat(modem.applied).isEmpty();
    }

    @Test
    void theFleetSummaryCountsEveryModemAndListsTheFilteredOnes() {
        ModemStatus initial = status("IP INITIAL", "HOME");
        ModemStatus connected = FakeControlledModem.STATUS;
        List<String> ids = List.of("a1", "a2", "b1", "b2");
        JsonNode all = FleetWatch.summary(ids, java.util.Arrays.asList(initial, connected, connected, null),
                FleetWatch.Filter.of(null));
        assertThat(all.path("total").asInt()).isEqualTo(4);
        assertThat(all.at("/counts/ipState/CONNECT OK").asInt()).isEqualTo(2);
        assertThat(all.at("/counts/ipState/IP INITIAL").asInt()).isEqualTo(1);
        assertThat(all.path("matching").asInt()).isEqualTo(3);
        JsonNode some = FleetWatch.summary(ids, List.of(initial, connected, connected, connected),
                new FleetWatch.Filter("", "", "CONNECT OK", "b"));
        assertThat(some.path("matching").asInt()).isEqualTo(2);
        assertThat(some.at("/rows/0/id").asText()).isEqualTo("b1");
        assertThat(some.at("/rows/0/links").asInt()).isEqualTo(1);
    }

    private static ModemStatus status(String ip, String registration) {
        ModemStatus s = FakeControlledModem.STATUS;
        return new ModemStatus(s.power(), registration, s.rssi(), true, true, ip, List.of(), s.conditions());
    }

    private WebSocket socket(String path, Events events) {
        return client.newWebSocketBuilder().buildAsync(URI.create("ws://" + base() + path), events).join();
    }

    private static int handshakeStatus(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof WebSocketHandshakeException)) {
            t = t.getCause();
        }
        return t == null ? -1 : ((WebSocketHandshakeException) t).getResponse().statusCode();
    }

    /** A request written by hand, so that Host can be any name; returns the status line on. */
    private String raw(String requestLine, String host, String origin) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(5000);
            String upgrade = requestLine.startsWith("GET /live")
                    ? "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" : "Content-Length: 0\r\n";
            s.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin + "\r\n"
                    + upgrade + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** The socket's events as they arrive; {@link #await} takes the first one that matches. */
    static final class Events implements WebSocket.Listener {
        private final List<JsonNode> arrived = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private synchronized void add(JsonNode event) {
            arrived.add(event);
            notifyAll();
        }

        synchronized JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            int looked = 0;
            while (true) {
                for (int i = looked; i < arrived.size(); i++) {
                    if (wanted.test(arrived.get(i))) {
                        return arrived.remove(i);
                    }
                }
                looked = arrived.size();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such event within " + WAIT + "; arrived: " + arrived);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A modem that counts the watchers of its line. */
    static final class CountingModem implements ControlledModem {
        private final ControlledModem inner;
        private int watching;

        CountingModem(ControlledModem inner) {
            this.inner = inner;
        }

        @Override
        public CompletableFuture<Void> control(ControlCommand command) {
            return inner.control(command);
        }

        @Override
        public CompletableFuture<ModemStatus> status() {
            return inner.status();
        }

        @Override
        public CompletableFuture<Runnable> watch(SerialObserver observer) {
            return inner.watch(observer).thenApply(stop -> {
                change(1);
                return () -> {
                    change(-1);
                    stop.run();
                };
            });
        }

        synchronized int watching() {
            return watching;
        }

        private synchronized void change(int by) {
            watching += by;
            notifyAll();
        }

        synchronized void awaitWatching(int n) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (watching != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("watchers: " + watching + ", expected " + n);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
