package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An HTTP response with a JSON body: a value, or {@code {"error":"…"}}; or, for {@code /metrics},
 * Prometheus text ({@code text} non-null).
 */
record JsonReply(HttpResponseStatus status, JsonNode body, String text) {

    JsonReply(HttpResponseStatus status, JsonNode body) {
        this(status, body, null);
    }

    /** Prometheus text exposition format 0.0.4, which every Prometheus server reads. */
    static JsonReply prometheus(String text) {
        return new JsonReply(HttpResponseStatus.OK, null, text);
    }

    static JsonReply ok(JsonNode body) {
        return new JsonReply(HttpResponseStatus.OK, body);
    }

    static JsonReply error(HttpResponseStatus status, String message) {
        return new JsonReply(status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    FullHttpResponse toResponse(ObjectMapper json) {
        if (text != null) {
            byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(t));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, t.length);
            return r;
        }
        byte[] bytes;
        try {
            bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        byte[] withNewline = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
        withNewline[bytes.length] = '\n'; // so that curl leaves the shell prompt on a line of its own
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(withNewline));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, withNewline.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (status == HttpResponseStatus.UNAUTHORIZED) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        return r;
    }
}
