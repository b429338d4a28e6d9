package dev.sim800emu.modem.apps.http;

import java.util.Locale;

/**
 * A URL as HTTPPARA "URL" takes it: the scheme is optional ("www.sim.com" in the IP application
 * note), and the port may follow the host ({@code host:8080/x}, as drivers write it) or end the path
 * ({@code host/x:8080}, the manual's own pattern).
 *
 * @param https the URL named the https scheme
 */
record HttpUrl(boolean https, String host, int port, String path) {

    /** The URL, or null when no host or port can be read from it. */
    static HttpUrl parse(String text, boolean ssl) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        boolean https = false;
        if (lower.startsWith("http://")) {
            s = s.substring(7);
        } else if (lower.startsWith("https://")) {
            s = s.substring(8);
            https = true;
        }
        int slash = firstOf(s, "/?");
        String authority = slash < 0 ? s : s.substring(0, slash);
        String path = slash < 0 ? "/" : s.charAt(slash) == '?' ? "/" + s.substring(slash) : s.substring(slash);
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            port = port(authority.substring(colon + 1));
            authority = authority.substring(0, colon);
            if (port < 0) {
                return null;
            }
        } else {
            int last = path.lastIndexOf(':');
            if (last > path.lastIndexOf('/') && path.indexOf('?') < 0 && port(path.substring(last + 1)) > 0) {
                port = port(path.substring(last + 1));
                path = path.substring(0, last);
            }
        }
        if (authority.isEmpty() || !authority.matches("[A-Za-z0-9.\\-_]+")) {
            return null;
        }
        return new HttpUrl(https, authority, port > 0 ? port : ssl ? 443 : 80, path.isEmpty() ? "/" : path);
    }

    /** What the Host header says: the port only when it is not the scheme's own. */
    String hostHeader(boolean ssl) {
        return port == (ssl ? 443 : 80) ? host : host + ":" + port;
    }

    /** A Location header resolved against this URL: absolute, or a path on the same server. */
    HttpUrl follow(String location, boolean ssl) {
        if (location.startsWith("/")) {
            return new HttpUrl(https, host, port, location);
        }
        return parse(location, ssl);
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535 ? p : -1;
    }
}
