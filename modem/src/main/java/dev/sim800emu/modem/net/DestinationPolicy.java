package dev.sim800emu.modem.net;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
        InetSocketAddress destination = new InetSocketAddress(address, 0);
        if (matchesAny(deny, destination)) {
            return false;
        }
        return allow.isEmpty() || LOOPBACK.matches(destination) || matchesAny(allow, destination);
    }

    private static boolean matchesAny(List<Cidr> rules, InetSocketAddress destination) {
        for (Cidr c : rules) {
            if (c.matches(destination)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "allow " + (allow.isEmpty() ? "all" : allow) + ", deny " + deny;
    }

    /**
     * One IPv4 block. The address is checked as a literal first, so that a typo can never trigger
     * a DNS lookup; Netty's subnet rule does the matching.
     */
    private record Cidr(IpSubnetFilterRule rule, String text) {

        static Cidr parse(String spec) {
            String s = spec == null ? "" : spec.trim();
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            int prefix = 32;
            if (slash >= 0) {
                prefix = parsePrefix(s.substring(slash + 1), spec);
            }
            if (!NetUtil.isValidIpV4Address(addr)) {
                throw invalid(spec);
            }
            InetAddress network = NetUtil.createInetAddressFromIpAddressString(addr);
            return new Cidr(new IpSubnetFilterRule(network, prefix, IpFilterRuleType.REJECT), s);
        }

        private static int parsePrefix(String p, String spec) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid(spec);
            }
            int v = Integer.parseInt(p);
            if (v > 32) {
                throw invalid(spec);
            }
            return v;
        }

        private static IllegalArgumentException invalid(String spec) {
            return new IllegalArgumentException(
                    "invalid IPv4 CIDR '" + spec + "' (expected a.b.c.d or a.b.c.d/n with n in 0..32)");
        }

        boolean matches(InetSocketAddress destination) {
            return rule.matches(destination);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
