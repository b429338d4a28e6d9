package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.List;

/**
 * The live view's routes, in front of the API's: {@code GET /} (the page), {@code GET /web/NAME}
 * (its script and style), {@code GET /state-tables} (the tables it draws) and {@code GET /live}
 * (its WebSocket). Anything else goes on to {@link ControlHandler}.
 *
 * <p>The page and the socket follow the API's rules (docs/live-view.md): same port and binding;
 * with a token, {@code ?token=TOKEN} in the address (a browser cannot add a header to the address
 * it opens, nor to a WebSocket) or the usual header; a request from a browser (it carries
 * {@code Origin}) only from this server's own page. The script and style are the same for
 * everyone and say nothing about the modems: they are served without a token.
 */
@ChannelHandler.Sharable
final class WebRoute extends ChannelInboundHandlerAdapter {
    /** A page's messages are a few fields. */
    private static final int MAX_MESSAGE = 4096;
    /** The page loads nothing from anywhere but here, and no other site may frame its buttons. */
    private static final String CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final ModemRegistry modems;
    private final ControlAccess access;
    private final ObjectMapper json;

    WebRoute(ModemRegistry modems, ControlAccess access, ObjectMapper json) {
        this.modems = modems;
        this.access = access;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || req.decoderResult().isFailure()) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        boolean page = path.equals("/") || path.equals("/index.html");
        boolean asset = path.startsWith("/web/");
        boolean tables = path.equals("/state-tables");
        boolean live = path.equals("/live");
        if (!(page || asset || tables || live)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean handedOn = false;
        try {
            if (!req.method().equals(HttpMethod.GET)) {
                reply(ctx, req, JsonReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                        req.uri() + " takes GET, not " + req.method()).toResponse(json));
            } else if (asset) {
                serveAsset(ctx, req, path.substring("/web/".length()));
            } else {
                String refusal = refusal(req, uri.parameters().get("token"));
                if (refusal != null) {
                    reply(ctx, req, JsonReply.error(refusal.startsWith("this") ? HttpResponseStatus.UNAUTHORIZED
                            : HttpResponseStatus.FORBIDDEN, refusal).toResponse(json));
                } else if (live) {
                    handedOn = true; // the WebSocket handshake owns the request now
                    upgrade(ctx, req);
                } else if (tables) {
                    reply(ctx, req, JsonReply.ok(StateTablesJson.write()).toResponse(json));
                } else {
                    serveAsset(ctx, req, "index.html");
                }
            }
        } finally {
            if (!handedOn) {
                req.release();
            }
        }
    }

    /** Why the request may not see the view (null: it may): one line, 401's starting with "this". */
    private String refusal(FullHttpRequest req, List<String> queryToken) {
        if (!access.admitsOrigin(req.headers().get(HttpHeaderNames.ORIGIN), req.headers().get(HttpHeaderNames.HOST))) {
            return "requests from web pages are not accepted";
        }
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        boolean byHeader = auth != null && access.admits(auth);
        boolean byQuery = queryToken != null && !queryToken.isEmpty() && access.admitsToken(queryToken.get(0));
        if (access.tokenRequired() && !byHeader && !byQuery) {
            return "this view needs the control token: open /?token=TOKEN with the --control-token value";
        }
        return null;
    }

    /** Hands the connection to the WebSocket codec and the live socket; the read timeout goes. */
    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        var pipeline = ctx.pipeline();
        if (pipeline.get(ReadTimeoutHandler.class) != null) {
            pipeline.remove(ReadTimeoutHandler.class); // a page may listen for hours without a word
        }
        pipeline.addAfter(ctx.name(), "live-ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig
                .newBuilder().websocketPath("/live").checkStartsWith(true).maxFramePayloadLength(MAX_MESSAGE)
                .dropPongFrames(true).build()));
        pipeline.addAfter("live-ws", "live", new LiveSocket(modems, json));
        ctx.fireChannelRead(req);
    }

    private void serveAsset(ChannelHandlerContext ctx, FullHttpRequest req, String name) {
        var asset = WebAssets.find(name);
        if (asset.isEmpty()) {
            reply(ctx, req, JsonReply.error(HttpResponseStatus.NOT_FOUND, "no such file: " + req.uri()).toResponse(json));
            return;
        }
        WebAssets.Asset a = asset.get();
        boolean fresh = a.etag().equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                fresh ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                fresh ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.bytes()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        if (!fresh) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.bytes().length);
        }
        // no-cache: keep it, but ask each time (a 304 is cheap), so an upgraded jar is seen at once
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        r.headers().set(HttpHeaderNames.ETAG, a.etag());
        reply(ctx, req, r);
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
        r.headers().set("Referrer-Policy", "no-referrer");
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(r, keepAlive);
        if (r.status() == HttpResponseStatus.UNAUTHORIZED) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        var written = ctx.writeAndFlush(r);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
