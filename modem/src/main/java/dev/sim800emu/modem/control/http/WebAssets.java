package dev.sim800emu.modem.control.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The live view's files, from the jar ({@code dev/sim800emu/modem/control/http/web/}): plain HTML,
 * CSS and JavaScript, nothing fetched from elsewhere at run time. Only the files listed here are
 * served, so no path reaches anything else on the class path. Each carries an ETag (a hash of its
 * bytes) so a browser revalidates instead of keeping a stale copy after an upgrade.
 */
final class WebAssets {
    /** One file as served. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "live.css", "text/css; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8");

    private static final Map<String, Asset> ASSETS = load();

    private WebAssets() {
    }

    static Optional<Asset> find(String name) {
        return Optional.ofNullable(ASSETS.get(name));
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> assets = new java.util.HashMap<>();
        TYPES.forEach((name, type) -> {
            try (InputStream in = WebAssets.class.getResourceAsStream("web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("web/" + name + " is missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                assets.put(name, new Asset(bytes, type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Map.copyOf(assets);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
