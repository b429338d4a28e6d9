package dev.sim800emu.modem.config;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * Everything that makes one virtual modem differ from another: identity, the simulated operator
 * (APNs, addresses, signal) and timing. Immutable; build with {@link #builder()}.
 */
public final class ModemConfig {
    private final ModemIdentity identity;
    private final List<ApnRule> apnRules;
    private final Inet4Address localIp;
    private final Inet4Address secondLocalIp;
    private final long bootMillis;
    private final long activationMillis;
    private final long connectTimeoutMillis;
    private final int rssi;
    private final int ber;
    private final String simPin;
    private final java.time.Clock wallClock;
    private final java.util.Map<String, String> ussdReplies;
    private final CellLocation location;

    private ModemConfig(Builder b) {
        this.identity = b.identity;
        this.apnRules = List.copyOf(b.apnRules);
        this.localIp = b.localIp;
        this.secondLocalIp = b.secondLocalIp;
        this.bootMillis = b.bootMillis;
        this.activationMillis = b.activationMillis;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.rssi = b.rssi;
        this.ber = b.ber;
        this.simPin = b.simPin;
        this.wallClock = b.wallClock;
        this.ussdReplies = java.util.Map.copyOf(b.ussdReplies);
        this.location = b.location;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ModemConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.identity = identity;
        b.apnRules = apnRules;
        b.localIp = localIp;
        b.secondLocalIp = secondLocalIp;
        b.bootMillis = bootMillis;
        b.activationMillis = activationMillis;
        b.connectTimeoutMillis = connectTimeoutMillis;
        b.rssi = rssi;
        b.ber = ber;
        b.simPin = simPin;
        b.wallClock = wallClock;
        b.ussdReplies = ussdReplies;
        b.location = location;
        return b;
    }

    public ModemIdentity identity() {
        return identity;
    }

    /** APNs the operator accepts; empty means any. */
    public List<ApnRule> apnRules() {
        return apnRules;
    }

    public boolean apnAccepted(String apn, String user, String password) {
        return apnRules.isEmpty() || apnRules.stream().anyMatch(r -> r.accepts(apn, user, password));
    }

    /** The address the operator gives the first PDP context (AT+CIFSR). */
    public Inet4Address localIp() {
        return localIp;
    }

    /** The address of the second PDP context (AT+CIPSGTXT=1). */
    public Inet4Address secondLocalIp() {
        return secondLocalIp;
    }

    /**
     * Time from power-on or reset to the boot URCs (RDY …); input is ignored meanwhile. Default 0
     * (ready at once, friendly to scripts); a real SIM800 takes about 3 s.
     */
    public long bootMillis() {
        return bootMillis;
    }

    /** How long AT+CIICR stays in IP CONFIG before the context is active. */
    public long activationMillis() {
        return activationMillis;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int rssi() {
        return rssi;
    }

    public int ber() {
        return ber;
    }

    /** Wall-clock time for AT+CCLK (the only thing in the modem that reads it). */
    public java.time.Clock wallClock() {
        return wallClock;
    }

    /**
     * The network's answers to USSD requests, by code ({@code *100#} → {@code Balance: 10.00}):
     * AT+CUSD=1,"<code>" is answered with +CUSD: 0, "<text>", 15. Codes not in the table wait for
     * the control plane's answer. Empty by default.
     */
    public java.util.Map<String, String> ussdReplies() {
        return ussdReplies;
    }

    /** The SIM's PIN, or null for a SIM without PIN lock. */
    /** Where the location service places the modem at power-up (the control plane may move it). */
    public CellLocation location() {
        return location;
    }

    public String simPin() {
        return simPin;
    }

    /** Fluent builder with realistic defaults. */
    public static final class Builder {
        private ModemIdentity identity = ModemIdentity.defaults();
        private List<ApnRule> apnRules = List.of();
        private Inet4Address localIp = ipv4("10.78.245.128");
        private Inet4Address secondLocalIp = ipv4("10.204.70.11");
        private long bootMillis = 0;
        private long activationMillis = 100;
        private long connectTimeoutMillis = 75_000;
        private int rssi = 20;
        private int ber = 0;
        private String simPin;
        private java.time.Clock wallClock = java.time.Clock.systemUTC();
        private java.util.Map<String, String> ussdReplies = java.util.Map.of();
        private CellLocation location = CellLocation.DEFAULT;

        public Builder location(CellLocation location) {
            this.location = Objects.requireNonNull(location);
            return this;
        }

        public Builder ussdReplies(java.util.Map<String, String> replies) {
            for (java.util.Map.Entry<String, String> e : replies.entrySet()) {
                if (e.getKey().isEmpty() || e.getKey().length() > 160 || e.getValue().length() > 182
                        || e.getValue().indexOf('"') >= 0) {
                    throw new IllegalArgumentException("a USSD reply needs a code of 1-160 characters and a text of at most "
                            + "182 characters without quotes");
                }
            }
            this.ussdReplies = java.util.Map.copyOf(replies);
            return this;
        }

        public Builder wallClock(java.time.Clock clock) {
            this.wallClock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder identity(ModemIdentity identity) {
            this.identity = Objects.requireNonNull(identity);
            return this;
        }

        public Builder apnRules(List<ApnRule> rules) {
            this.apnRules = List.copyOf(rules);
            return this;
        }

        public Builder localIp(Inet4Address ip) {
            this.localIp = Objects.requireNonNull(ip);
            return this;
        }

        public Builder secondLocalIp(Inet4Address ip) {
            this.secondLocalIp = Objects.requireNonNull(ip);
            return this;
        }

        public Builder bootMillis(long millis) {
            this.bootMillis = nonNegative(millis, "boot time");
            return this;
        }

        public Builder activationMillis(long millis) {
            this.activationMillis = nonNegative(millis, "activation time");
            return this;
        }

        public Builder connectTimeoutMillis(long millis) {
            if (millis < 1 || millis > 160_000) {
                throw new IllegalArgumentException("connect timeout must be 1..160000 ms");
            }
            this.connectTimeoutMillis = millis;
            return this;
        }

        public Builder signal(int rssi, int ber) {
            if (!(rssi >= 0 && rssi <= 31 || rssi == 99) || !(ber >= 0 && ber <= 7 || ber == 99)) {
                throw new IllegalArgumentException("rssi must be 0..31 or 99, ber 0..7 or 99");
            }
            this.rssi = rssi;
            this.ber = ber;
            return this;
        }

        public Builder simPin(String pin) {
            this.simPin = pin;
            return this;
        }

        public ModemConfig build() {
            return new ModemConfig(this);
        }

        private static long nonNegative(long v, String what) {
            if (v < 0) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return v;
        }
    }

    /** Parses a dotted IPv4 literal without any name lookup. */
    public static Inet4Address ipv4(String dotted) {
        if (!NetUtil.isValidIpV4Address(dotted)) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        return (Inet4Address) NetUtil.createInetAddressFromIpAddressString(dotted);
    }

    /** The four bytes of a strict dotted-quad literal, or null. */
    public static byte[] parseIpv4(String s) {
        return NetUtil.isValidIpV4Address(s) ? NetUtil.createByteArrayFromIpAddressString(s) : null;
    }
}
