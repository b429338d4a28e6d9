package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.ResolveCallback;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStream;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddresses;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Name lookups for one modem with Netty's DNS resolver, on the modem's loop: the host's resolvers,
 * or the one server given. The resolver is created on first use. A DNS query is traffic like any
 * other, so the destination policy applies to the servers too: only allowed ones are asked, and
 * with none allowed the lookup fails at once ("could not ask") without a packet sent.
 */
final class NameService implements AutoCloseable {
    private static final long DNS_QUERY_TIMEOUT_MILLIS = 5_000;

    private final EventLoop loop;
    private final Transport transport;
    private final InetSocketAddress dnsServer;
    private final DestinationPolicy policy;
    private final BooleanSupplier networkClosed;
    /** Volatile only so that {@link #close()} may run anywhere. */
    private volatile DnsNameResolver resolver;

    NameService(EventLoop loop, Transport transport, InetSocketAddress dnsServer, DestinationPolicy policy,
                BooleanSupplier networkClosed) {
        this.loop = loop;
        this.transport = transport;
        this.dnsServer = dnsServer;
        this.policy = policy;
        this.networkClosed = networkClosed;
    }

    void resolve(String host, ResolveCallback callback) {
        if (allowedServers(host).isEmpty()) {
            loop.execute(() -> {
                if (!networkClosed.getAsBoolean()) {
                    callback.onFailed(false);
                }
            });
            return;
        }
        resolver().resolveAll(host).addListener((Future<List<InetAddress>> f) -> {
            // Answers from the hosts file or the cache complete inside resolveAll(); a task keeps
            // the callback out of the engine's own call.
            loop.execute(() -> {
                if (!networkClosed.getAsBoolean()) {
                    deliver(f, callback);
                }
            });
        });
    }

    private static void deliver(Future<List<InetAddress>> f, ResolveCallback callback) {
        if (!f.isSuccess()) {
            callback.onFailed(notFound(f.cause()));
            return;
        }
        List<InetAddress> v4 = f.getNow().stream().filter(a -> a instanceof Inet4Address).toList();
        if (v4.isEmpty()) {
            callback.onFailed(true);
        } else {
            callback.onResolved(v4);
        }
    }

    /**
     * "No such name" versus "could not ask": NXDOMAIN, or a name without IPv4 addresses, is the
     * former; timeouts, server failures and socket errors are the latter.
     */
    static boolean notFound(Throwable failure) {
        boolean unknownHost = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DnsNameResolverTimeoutException) {
                return false;
            }
            if (t instanceof DnsErrorCauseException e) {
                return DnsResponseCode.NXDOMAIN.equals(e.getCode());
            }
            if (t instanceof UnknownHostException) {
                unknownHost = true;
            } else if (t instanceof IOException) {
                return false;
            }
        }
        return unknownHost;
    }

    /** The servers that would be asked about {@code host}, less those the policy denies. */
    private List<InetSocketAddress> allowedServers(String host) {
        List<InetSocketAddress> allowed = new ArrayList<>();
        if (dnsServer != null) {
            if (policy.allows(dnsServer.getAddress())) {
                allowed.add(dnsServer);
            }
            return allowed;
        }
        DnsServerAddressStream all = DnsServerAddressStreamProviders.platformDefault().nameServerAddressStream(host);
        for (int i = all.size(); i > 0; i--) {
            InetSocketAddress a = all.next();
            if (!a.isUnresolved() && policy.allows(a.getAddress()) && !allowed.contains(a)) {
                allowed.add(a);
            }
        }
        return allowed;
    }

    private DnsNameResolver resolver() {
        DnsNameResolver r = resolver;
        if (r == null) {
            DnsServerAddressStreamProvider servers = dnsServer != null
                    ? new SingletonDnsServerAddressStreamProvider(dnsServer)
                    : name -> {
                        List<InetSocketAddress> allowed = allowedServers(name);
                        // Never empty here: resolve() has already failed a lookup with no server.
                        return DnsServerAddresses.sequential(allowed.isEmpty() ? List.of(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)) : allowed).stream();
                    };
            r = new DnsNameResolverBuilder(loop)
                    .datagramChannelType(transport.datagram)
                    .socketChannelType(transport.socket) // TCP retry of truncated answers
                    .resolvedAddressTypes(ResolvedAddressTypes.IPV4_ONLY)
                    .queryTimeoutMillis(DNS_QUERY_TIMEOUT_MILLIS)
                    .nameServerProvider(servers)
                    // A modem asks for exactly the name it was given, whatever the host's
                    // resolv.conf says; the hosts file is still consulted first.
                    .searchDomains(List.of())
                    .build();
            resolver = r;
        }
        return r;
    }

    @Override
    public void close() {
        DnsNameResolver r = resolver;
        if (r != null) {
            r.close();
        }
    }
}
