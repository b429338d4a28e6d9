package dev.sim800emu.modem.net;

import java.net.InetAddress;

/**
 * What the engine asks the network to open: a TCP connection or a connected UDP socket.
 *
 * @param localPort 0 for an ephemeral port (AT+CLPORT)
 * @param connectTimeoutMillis how long a TCP connect may take before CONNECT FAIL
 * @param keepAlive TCP keep-alive settings from AT+CIPTKA, or null when off
 * @param tls TLS over the TCP connection (AT+CIPSSL=1, HTTPS), or null for plain TCP
 */
public record LinkRequest(Protocol protocol, InetAddress address, int port, int localPort,
                          long connectTimeoutMillis, KeepAlive keepAlive, Tls tls) {

    /** A plain link. */
    public LinkRequest(Protocol protocol, InetAddress address, int port, int localPort,
                       long connectTimeoutMillis, KeepAlive keepAlive) {
        this(protocol, address, port, localPort, connectTimeoutMillis, keepAlive, null);
    }

    /**
     * TLS on a TCP link. Which protocol versions are offered and whether the server is verified is
     * the network's business (the firmware being emulated); the engine only names the server.
     *
     * @param serverName the host name the host gave, sent as SNI; null when it gave an address
     * @param trustedCertificate the CA certificate the host loaded (AT+SSLSETCERT, PEM or DER): the
     *     server must chain to it; null when none was loaded
     */
    public record Tls(String serverName, byte[] trustedCertificate) {
    }

    /** AT+CIPTKA values: idle seconds, interval seconds, probe count. */
    public record KeepAlive(int idleSeconds, int intervalSeconds, int count) {
    }
}
