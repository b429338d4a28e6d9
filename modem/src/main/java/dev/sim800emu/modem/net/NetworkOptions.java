package dev.sim800emu.modem.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How {@link NettyNetwork} reaches the outside world.
 *
 * @param dnsServer the only DNS server to ask, or null for the system's resolvers
 * @param policy which destinations links may be opened to
 * @param serverBind the host address modem servers (AT+CIPSERVER) listen on; loopback by default
 * @param serverPortOffset added to a modem's server port to get the host port, so that many modems
 *     can each listen on "their" port 8888
 */
public record NetworkOptions(InetSocketAddress dnsServer, DestinationPolicy policy, InetAddress serverBind,
                             int serverPortOffset) {

    public NetworkOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(serverBind, "serverBind");
        if (serverPortOffset < -65535 || serverPortOffset > 65535) {
            throw new IllegalArgumentException("server port offset must be within -65535..65535");
        }
    }

    public NetworkOptions(InetSocketAddress dnsServer, DestinationPolicy policy) {
        this(dnsServer, policy, InetAddress.getLoopbackAddress(), 0);
    }

    /** System DNS, every destination allowed, servers on loopback. */
    public static NetworkOptions defaults() {
        return new NetworkOptions(null, DestinationPolicy.allowAll());
    }

    /** The host port for a modem server port, or -1 when the offset takes it out of range. */
    public int hostPort(int modemPort) {
        int p = modemPort + serverPortOffset;
        return p >= 1 && p <= 65535 ? p : -1;
    }
}
