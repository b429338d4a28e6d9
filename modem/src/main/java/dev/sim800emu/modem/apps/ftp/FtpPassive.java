package dev.sim800emu.modem.apps.ftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The address in a 227 reply: {@code Entering Passive Mode (h1,h2,h3,h4,p1,p2)} (RFC 959 §4.1.2). */
final class FtpPassive {
    private static final Pattern SIX = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private FtpPassive() {
    }

    /** The address and port, or null when the text has none. */
    static InetSocketAddress parse(String text) {
        Matcher m = SIX.matcher(text);
        if (!m.find()) {
            return null;
        }
        byte[] ip = new byte[4];
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = Integer.parseInt(m.group(i + 1));
            if (v[i] > 255) {
                return null;
            }
        }
        for (int i = 0; i < 4; i++) {
            ip[i] = (byte) v[i];
        }
        int port = v[4] * 256 + v[5];
        if (port == 0) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
