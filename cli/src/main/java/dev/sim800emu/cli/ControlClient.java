package dev.sim800emu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code ctl} side of the control API: one request to {@code /modems/{id}[/{verb}]} with the
 * JDK's HTTP client. Failures come back as {@link Refused} with one line for the user.
 */
final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The API or the modem said no, or could not be reached: exit status 1. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final InetSocketAddress api;
    private final String modem;
    private final String token;

    ControlClient(InetSocketAddress api, String modem, String token) {
        this.api = api;
        this.modem = modem;
        this.token = token;
    }

    JsonNode status() throws Refused {
        return send(request("").GET());
    }

    void command(String verb, JsonNode args) throws Refused {
        send(request("/" + verb).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(args.toString())));
    }

    /** One verb to the modems {@code select} picks ({@code POST /fleet/VERB?select=…&seed=…}). */
    JsonNode fleet(String verb, JsonNode args, String select, long seed) throws Refused {
        URI uri = URI.create(base() + "/fleet/" + verb + "?select=" + URLEncoder.encode(select, StandardCharsets.UTF_8)
                + "&seed=" + seed);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(args.toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private String base() {
        String host = api.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + api.getPort();
    }

    private HttpRequest.Builder request(String tail) {
        String host = api.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        URI uri = URI.create("http://" + host + ":" + api.getPort() + "/modems/"
                + URLEncoder.encode(modem, StandardCharsets.UTF_8) + tail);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder b) throws Refused {
        String where = api.getHostString() + ":" + api.getPort();
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Refused("cannot reach the control API at " + where + " (is the emulator running with --control?)");
        } catch (HttpTimeoutException e) {
            throw new Refused("the control API at " + where + " did not answer in " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new Refused("cannot talk to the control API at " + where + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Refused(where + " is not the sim800emu control API (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() / 100 != 2) {
            String error = body.path("error").asText("");
            throw new Refused(error.isEmpty() ? "HTTP " + r.statusCode() : error);
        }
        return body;
    }
}
