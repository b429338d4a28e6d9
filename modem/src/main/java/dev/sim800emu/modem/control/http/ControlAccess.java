package dev.sim800emu.modem.control.http;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may drive the modems. The API changes what a firmware under test sees, so it listens on
 * loopback unless told otherwise, and anywhere else only with a token that every request must
 * carry ({@code Authorization: Bearer TOKEN}). A token given on loopback is required too: whoever
 * set one wants it checked.
 */
public final class ControlAccess {
    private final byte[] token;

    private ControlAccess(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The rules for serving on {@code bind} (resolved) with {@code token} (null: none); throws
     * IllegalArgumentException with one line for a person when they forbid it.
     */
    public static ControlAccess forBind(InetSocketAddress bind, String token) {
        if (token != null && !token.matches("[\\x21-\\x7e]{8,256}")) {
            throw new IllegalArgumentException(
                    "a control token is 8 to 256 printable ASCII characters without spaces");
        }
        InetAddress address = bind.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("cannot resolve host '" + bind.getHostString() + "'");
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new IllegalArgumentException(address.getHostAddress() + " is not a loopback address: "
                    + "anyone who can reach it could drive the modem, so give --control-token TOKEN too");
        }
        return new ControlAccess(token);
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /** Whether an {@code Authorization} header value (null when absent) lets the request in. */
    boolean admits(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return admitsToken(authorization.substring(7).trim());
    }

    /**
     * Whether a token given in the URL ({@code ?token=}, null when absent) lets the request in: a
     * browser cannot put a header on the address it opens or on a WebSocket, so the live view's
     * page and socket take the token there.
     */
    boolean admitsToken(String given) {
        if (token == null) {
            return true;
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }

    /**
     * Whether a request with this {@code Origin} (null: none, not a browser) and {@code Host} may
     * go on. A browser sends Origin with the live view's own calls and with any page's; only the
     * view's own are let in: the origin must be this server as the browser addressed it, and
     * without a token that address must be a loopback one, so that a web page whose name was made
     * to resolve to 127.0.0.1 (DNS rebinding) is still refused.
     */
    boolean admitsOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || !origin.equalsIgnoreCase("http://" + host)) {
            return false;
        }
        return token != null || isLoopbackName(host);
    }

    /** {@code localhost}, 127.x.x.x or [::1], with or without a port. */
    static boolean isLoopbackName(String hostHeader) {
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? h : h.substring(1, close);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.equals("localhost")) {
            return true;
        }
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(h);
        return a != null && a.isLoopbackAddress();
    }
}
