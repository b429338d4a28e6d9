package dev.sim800emu.modem.apps.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A response read as it arrives: status line and headers, then the body by Content-Length, by
 * chunks (de-chunked, as the chip hands the host only the payload) or until the server closes.
 *
 * <p>Hand-written because the engine is sans-I/O and Netty's codec lives behind channels; it
 * reads only what a SIM800 needs and calls anything else malformed.
 */
final class HttpResponse {
    /** The chip's response buffer (manual: 319488 bytes); more is its 602 "no memory". */
    static final int MAX_BODY = 319_488;
    private static final int MAX_HEAD = 16 * 1024;

    /** How {@link #feed} left the response. */
    enum Progress {
        MORE, COMPLETE, MALFORMED, TOO_LARGE
    }

    private enum Phase {
        HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, TO_CLOSE, DONE
    }

    private final boolean headRequest;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    private final StringBuilder line = new StringBuilder();
    private Phase phase = Phase.HEAD;
    private int status;
    private long contentLength = -1;
    private boolean chunked;
    private String location;
    private long chunkLeft;

    HttpResponse(boolean headRequest) {
        this.headRequest = headRequest;
    }

    int status() {
        return status;
    }

    /** The status line and header lines up to the empty line, lower-cased as HTTPHEAD prints them. */
    byte[] head() {
        return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] body() {
        return body.toByteArray();
    }

    int bodyLength() {
        return body.size();
    }

    /** The announced body length, or -1 (chunked, or until close). */
    long expected() {
        return contentLength;
    }

    String location() {
        return location;
    }

    Progress feed(byte[] data) {
        for (byte b : data) {
            Progress p = feed(b & 0xFF);
            if (p != Progress.MORE) {
                return p;
            }
        }
        return phase == Phase.DONE ? Progress.COMPLETE : Progress.MORE;
    }

    /** The server closed: complete only if the body runs until close or nothing more was due. */
    Progress closed() {
        return phase == Phase.TO_CLOSE || phase == Phase.DONE ? finish() : Progress.MALFORMED;
    }

    private Progress feed(int b) {
        switch (phase) {
            case HEAD -> {
                head.write(b);
                if (head.size() > MAX_HEAD) {
                    return Progress.MALFORMED;
                }
                return b == '\n' ? headLine() : Progress.MORE;
            }
            case FIXED, TO_CLOSE, CHUNK_DATA -> {
                if (body.size() >= MAX_BODY) {
                    return Progress.TOO_LARGE;
                }
                body.write(b);
                if (phase == Phase.FIXED && body.size() == contentLength) {
                    return finish();
                }
                if (phase == Phase.CHUNK_DATA && --chunkLeft == 0) {
                    phase = Phase.CHUNK_END;
                }
                return Progress.MORE;
            }
            case CHUNK_SIZE, CHUNK_END, TRAILER -> {
                return b == '\n' ? chunkLine() : append(b);
            }
            default -> {
                return Progress.MORE; // bytes after a complete response are ignored
            }
        }
    }

    private Progress append(int b) {
        if (b != '\r') {
            line.append((char) b);
        }
        return line.length() > 1024 ? Progress.MALFORMED : Progress.MORE;
    }

    private Progress headLine() {
        String all = head.toString(StandardCharsets.ISO_8859_1);
        int end = all.length() - 1;
        int start = all.lastIndexOf('\n', end - 1) + 1;
        String text = all.substring(start, end).replace("\r", "");
        if (start == 0) {
            String[] parts = text.split(" ", 3);
            if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).startsWith("http/1.") || !parts[1].matches("\\d{3}")) {
                return Progress.MALFORMED;
            }
            status = Integer.parseInt(parts[1]);
            return Progress.MORE;
        }
        if (!text.isEmpty()) {
            header(all.substring(start, end).replace("\r", ""));
            return Progress.MORE;
        }
        if (status / 100 == 1) { // an interim answer (100 Continue): the real one follows
            head.reset();
            return Progress.MORE;
        }
        if (headRequest || status == 204 || status == 304) {
            return finish();
        }
        if (chunked) {
            phase = Phase.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY) {
                return Progress.TOO_LARGE;
            }
            phase = Phase.FIXED;
            return contentLength == 0 ? finish() : Progress.MORE;
        } else {
            phase = Phase.TO_CLOSE;
        }
        return Progress.MORE;
    }

    private void header(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        switch (name) {
            case "content-length" -> contentLength = value.matches("\\d{1,12}") ? Long.parseLong(value) : -1;
            case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            case "location" -> location = value;
            default -> { }
        }
    }

    private Progress chunkLine() {
        String text = line.toString().strip();
        line.setLength(0);
        switch (phase) {
            case CHUNK_SIZE -> {
                int semi = text.indexOf(';');
                String hex = semi < 0 ? text : text.substring(0, semi).strip();
                if (!hex.matches("[0-9a-fA-F]{1,7}")) {
                    return Progress.MALFORMED;
                }
                chunkLeft = Long.parseLong(hex, 16);
                if (body.size() + chunkLeft > MAX_BODY) {
                    return Progress.TOO_LARGE;
                }
                phase = chunkLeft == 0 ? Phase.TRAILER : Phase.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (!text.isEmpty()) {
                    return Progress.MALFORMED;
                }
                phase = Phase.CHUNK_SIZE;
            }
            default -> { // trailers end at an empty line
                if (text.isEmpty()) {
                    return finish();
                }
            }
        }
        return Progress.MORE;
    }

    private Progress finish() {
        phase = Phase.DONE;
        return Progress.COMPLETE;
    }
}
