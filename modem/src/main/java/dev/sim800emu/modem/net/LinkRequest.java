package dev.sim800emu.modem.net;

import java.net.InetAddress;

/**
 * What the engine asks the network to open: a TCP connection or a connected UDP socket.
 *
 * @param localPort 0 for an ephemeral port (AT+CLPORT)
 * @param connectTimeoutMillis how long a TCP connect may take before CONNECT FAIL
 * @param keepAlive TCP keep-alive settings from AT+CIPTKA, or null when off
 */
public record LinkRequest(Protocol protocol, InetAddress address, int port, int localPort,
                          long connectTimeoutMillis, KeepAlive keepAlive) {

    /** AT+CIPTKA values: idle seconds, interval seconds, probe count. */
    public record KeepAlive(int idleSeconds, int intervalSeconds, int count) {
    }
}
