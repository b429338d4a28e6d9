package dev.sim800emu.modem.apps.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request as the chip puts it on the wire (sim800-apps.md §2.13): HTTP/1.1, Host,
 * {@code User-Agent: SIMCOM_MODULE} unless UA was set, Content-Type and Content-Length on a POST,
 * {@code Connection: Keep-Alive}, {@code Accept: *}{@code /*}, then USERDATA. The header order and
 * the Accept value are the reference's suggestion (no capture keeps the order).
 */
final class HttpRequest {
    static final String[] METHODS = {"GET", "POST", "HEAD", "DELETE"};

    private HttpRequest() {
    }

    /**
     * @param viaProxy the request goes to a proxy: the request line carries the absolute URL
     */
    static byte[] encode(int method, HttpUrl url, boolean ssl, HttpSettings p, byte[] body, boolean viaProxy) {
        StringBuilder sb = new StringBuilder(256);
        String target = viaProxy ? (ssl ? "https://" : "http://") + url.hostHeader(ssl) + url.path() : url.path();
        sb.append(METHODS[method]).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(url.hostHeader(ssl)).append("\r\n");
        sb.append("User-Agent: ").append(p.get(HttpParam.UA)).append("\r\n");
        boolean post = method == 1;
        if (post && !p.get(HttpParam.CONTENT).isEmpty()) {
            sb.append("Content-Type: ").append(p.get(HttpParam.CONTENT)).append("\r\n");
        }
        if (post) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        int from = p.number(HttpParam.BREAK);
        int to = p.number(HttpParam.BREAKEND);
        if (method == 0 && (from > 0 || to > 0)) {
            // BREAKEND below BREAK means "to the end" (IP application note §3.7).
            sb.append("Range: bytes=").append(from).append('-').append(to > from ? Integer.toString(to) : "").append("\r\n");
        }
        sb.append("Connection: Keep-Alive\r\n");
        sb.append("Accept: */*\r\n");
        String extra = p.get(HttpParam.USERDATA);
        if (!extra.isEmpty()) {
            // Drivers type header breaks as the two characters \r\n (Arduino-SIM800L-driver PR 25).
            sb.append(extra.replace("\\r\\n", "\r\n")).append("\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + (post ? body.length : 0));
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (post) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
