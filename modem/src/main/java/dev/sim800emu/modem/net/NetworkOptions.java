package dev.sim800emu.modem.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How {@link NettyNetwork} reaches the outside world.
 *
 * @param dnsServer the only DNS server to ask, or null for the system's resolvers
 * @param policy which destinations links may be opened to
 */
public record NetworkOptions(InetSocketAddress dnsServer, DestinationPolicy policy) {

    public NetworkOptions {
        Objects.requireNonNull(policy, "policy");
    }

    /** System DNS, every destination allowed. */
    public static NetworkOptions defaults() {
        return new NetworkOptions(null, DestinationPolicy.allowAll());
    }
}
