package dev.sim800emu.modem.control.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
