package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.json.BadCommandException;
import dev.sim800emu.modem.control.json.CommandJson;
import dev.sim800emu.modem.control.json.StatusJson;
import dev.sim800emu.modem.hostcheck.Finding;
import dev.sim800emu.modem.runtime.ControlledModem;
import dev.sim800emu.modem.runtime.HostCheckReport;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API's routes: {@code GET /modems}, {@code GET /modems/{id}} and
 * {@code POST /modems/{id}/{verb}}. A request is checked completely (token, modem, verb, body)
 * before anything reaches a modem, so a bad one changes nothing; the modem's answer comes back
 * through a future, never by waiting on this thread.
 */
@ChannelHandler.Sharable
final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ModemRegistry modems;
    private final ControlAccess access;
    private final ObjectMapper json;
    private final FleetRoute fleet;

    ControlHandler(ModemRegistry modems, ControlAccess access, ObjectMapper json, FleetRoute fleet) {
        this.modems = modems;
        this.access = access;
        this.json = json;
        this.fleet = fleet;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        CompletableFuture<JsonReply> reply;
        try {
            reply = route(req);
        } catch (RuntimeException e) {
            reply = CompletableFuture.completedFuture(unexpected(e));
        }
        reply.whenComplete((r, e) -> send(ctx, e == null ? r : unexpected(e), keepAlive));
    }

    private CompletableFuture<JsonReply> route(FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
        }
        // A web page can make a browser send a request here; nothing but a browser sets Origin,
        // and only the live view served from here may.
        if (!access.admitsOrigin(req.headers().get(HttpHeaderNames.ORIGIN), req.headers().get(HttpHeaderNames.HOST))) {
            return done(JsonReply.error(HttpResponseStatus.FORBIDDEN, "requests from web pages are not accepted"));
        }
        if (!access.admits(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            return done(JsonReply.error(HttpResponseStatus.UNAUTHORIZED,
                    "this API needs the header 'Authorization: Bearer TOKEN' with the --control-token value"));
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        List<String> path = segments(uri.path());
        if (!path.isEmpty() && (path.get(0).equals("metrics") || path.get(0).equals("fleet"))) {
            return fleet.route(req, path, uri.parameters(), json);
        }
        if (path.isEmpty() || !path.get(0).equals("modems") || path.size() > 3) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND,
                    "no such endpoint: " + req.method() + " " + req.uri() + " (see /modems)"));
        }
        boolean report = path.size() == 3 && path.get(2).equals("host-check");
        HttpMethod wanted = path.size() == 3 && !report ? HttpMethod.POST : HttpMethod.GET;
        if (!req.method().equals(wanted)) {
            return done(JsonReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    req.uri() + " takes " + wanted + ", not " + req.method()));
        }
        if (path.size() == 1) {
            return list();
        }
        String id = path.get(1);
        Optional<ControlledModem> modem = modems.find(id);
        if (modem.isEmpty()) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND,
                    "no modem '" + id + "' (modems: " + String.join(", ", modems.ids()) + ")"));
        }
        if (path.size() == 2) {
            return modem.get().status().handle((s, e) -> e == null ? JsonReply.ok(StatusJson.write(s)) : failure(e));
        }
        if (report) {
            return modem.get().hostCheckReport().handle((r, e) -> e != null ? failure(e) : r == null
                    ? JsonReply.error(HttpResponseStatus.NOT_FOUND, "host-check is off (start the emulator with --host-check)")
                    : JsonReply.ok(hostCheckJson(r)));
        }
        return command(modem.get(), path.get(2), req);
    }

    /** {"summary": …, "counts": {rule: n}, "findings": [{rule, section, bytes, atMillis}]}. */
    private static ObjectNode hostCheckJson(HostCheckReport r) {
        ObjectNode root = JSON.objectNode().put("summary", r.summary());
        ObjectNode counts = root.putObject("counts");
        r.counts().forEach((rule, n) -> counts.put(rule.label(), n));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            findings.addObject().put("rule", f.rule().label()).put("section", f.rule().section())
                    .put("bytes", f.bytes()).put("atMillis", f.atMillis());
        }
        return root;
    }

    private CompletableFuture<JsonReply> command(ControlledModem modem, String verb, FullHttpRequest req) {
        if (!CommandJson.isVerb(verb)) {
            return done(JsonReply.error(HttpResponseStatus.NOT_FOUND,
                    "unknown verb '" + verb + "' (known: " + String.join(", ", CommandJson.verbs()) + ")"));
        }
        ControlCommand command;
        try {
            command = CommandJson.parse(verb, body(req, json));
        } catch (BadCommandException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (IOException e) {
            return done(JsonReply.error(HttpResponseStatus.BAD_REQUEST, "malformed JSON: " + firstLine(e)));
        }
        return modem.control(command).handle((v, e) -> e == null
                ? JsonReply.ok(JSON.objectNode().put("ok", true).put("verb", verb))
                : failure(e));
    }

    /** The request body as JSON; an empty body is no arguments. */
    static JsonNode body(FullHttpRequest req, ObjectMapper json) throws IOException {
        if (!req.content().isReadable()) {
            return null;
        }
        try (InputStream in = new ByteBufInputStream(req.content().duplicate())) {
            JsonNode node = json.readTree(in);
            return node == null || node.isMissingNode() ? null : node;
        }
    }

    /** Every modem with its status, or the reason it has none. */
    private CompletableFuture<JsonReply> list() {
        List<String> ids = modems.ids();
        List<CompletableFuture<ObjectNode>> entries = new ArrayList<>();
        for (String id : ids) {
            ControlledModem m = modems.find(id).orElseThrow();
            entries.add(m.status().handle((s, e) -> {
                ObjectNode o = JSON.objectNode().put("id", id);
                if (e == null) {
                    o.set("status", StatusJson.write(s));
                } else {
                    o.put("error", message(e));
                }
                return o;
            }));
        }
        return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(x -> {
            ObjectNode body = JSON.objectNode();
            ArrayNode list = body.putArray("modems");
            entries.forEach(f -> list.add(f.join()));
            return JsonReply.ok(body);
        });
    }

    static JsonReply failure(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof ControlException) {
            return JsonReply.error(HttpResponseStatus.CONFLICT, cause.getMessage());
        }
        return unexpected(cause);
    }

    private static JsonReply unexpected(Throwable e) {
        LOG.warn("control API: internal error", unwrap(e));
        return JsonReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + unwrap(e));
    }

    static String message(Throwable e) {
        Throwable cause = unwrap(e);
        return cause instanceof ControlException ? cause.getMessage() : "internal error: " + cause;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static String firstLine(IOException e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return String.valueOf(m).lines().findFirst().orElse("");
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static CompletableFuture<JsonReply> done(JsonReply r) {
        return CompletableFuture.completedFuture(r);
    }

    private void send(ChannelHandlerContext ctx, JsonReply reply, boolean keepAlive) {
        FullHttpResponse response = reply.toResponse(json);
        HttpUtil.setKeepAlive(response, keepAlive);
        // Called on the modem's thread when the answer came from a modem: Netty hands the write
        // over to the channel's own loop.
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("control API connection closed: {}", cause.toString());
        ctx.close();
    }
}
