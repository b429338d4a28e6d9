package dev.sim800emu.modem.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which destinations virtual modems may reach, as IPv4 CIDR blocks.
 *
 * <p>A destination matching a deny rule is refused. Otherwise, when the allow list is empty every
 * destination passes; when it is not, only destinations matching it pass, plus loopback
 * (127.0.0.0/8), which is always allowed unless explicitly denied, so that a restricted emulator
 * can still reach test servers on the same machine. Addresses that are not IPv4 never match a rule.
 */
public final class DestinationPolicy {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");
    private static final DestinationPolicy ALLOW_ALL = new DestinationPolicy(List.of(), List.of());

    private final List<Cidr> allow;
    private final List<Cidr> deny;

    private DestinationPolicy(List<Cidr> allow, List<Cidr> deny) {
        this.allow = allow;
        this.deny = deny;
    }

    /** A policy that lets every destination through. */
    public static DestinationPolicy allowAll() {
        return ALLOW_ALL;
    }

    /**
     * Builds a policy from CIDR strings such as {@code "10.0.0.0/8"} or a bare address (a /32).
     *
     * @throws IllegalArgumentException with a one-line message naming the first invalid entry
     */
    public static DestinationPolicy parse(List<String> allow, List<String> deny) {
        return new DestinationPolicy(parseAll(allow), parseAll(deny));
    }

    private static List<Cidr> parseAll(List<String> specs) {
        List<Cidr> out = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs) {
                out.add(Cidr.parse(spec));
            }
        }
        return List.copyOf(out);
    }

    /** Whether a link to {@code address} may be opened. */
    public boolean allows(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return allow.isEmpty();
        }
        int ip = toInt(address.getAddress());
        if (matchesAny(deny, ip)) {
            return false;
        }
        return allow.isEmpty() || LOOPBACK.matches(ip) || matchesAny(allow, ip);
    }

    private static boolean matchesAny(List<Cidr> rules, int ip) {
        for (Cidr c : rules) {
            if (c.matches(ip)) {
                return true;
            }
        }
        return false;
    }

    private static int toInt(byte[] a) {
        return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
    }

    @Override
    public String toString() {
        return "allow " + (allow.isEmpty() ? "all" : allow) + ", deny " + deny;
    }

    /** One IPv4 block; parsed by hand so that a typo can never trigger a DNS lookup. */
    private record Cidr(int network, int prefix, String text) {

        static Cidr parse(String spec) {
            String s = spec == null ? "" : spec.trim();
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            int prefix = 32;
            if (slash >= 0) {
                prefix = parseNumber(s.substring(slash + 1), 32, spec);
            }
            String[] parts = addr.split("\\.", -1);
            if (parts.length != 4) {
                throw invalid(spec);
            }
            int ip = 0;
            for (String p : parts) {
                ip = ip << 8 | parseNumber(p, 255, spec);
            }
            return new Cidr(ip & mask(prefix), prefix, s);
        }

        private static int parseNumber(String p, int max, String spec) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw invalid(spec);
            }
            int v = Integer.parseInt(p);
            if (v > max) {
                throw invalid(spec);
            }
            return v;
        }

        private static IllegalArgumentException invalid(String spec) {
            return new IllegalArgumentException(
                    "invalid IPv4 CIDR '" + spec + "' (expected a.b.c.d or a.b.c.d/n with n in 0..32)");
        }

        private static int mask(int prefix) {
            return prefix == 0 ? 0 : -1 << (32 - prefix);
        }

        boolean matches(int ip) {
            return (ip & mask(prefix)) == network;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
