package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.Protocol;

/**
 * One link slot as the control plane sees it: its state, its peer, and the byte counts of its
 * current (or last) connection.
 *
 * @param protocol TCP or UDP, null for a slot never used since the last CIPSHUT
 * @param sent bytes the host sent on the link
 * @param acked bytes the network confirmed (TCP: acknowledged by the peer)
 * @param received bytes the peer sent
 * @param fault the control-plane fault in force, or null
 */
public record LinkSnapshot(int id, LinkState state, Protocol protocol, String remoteIp, int remotePort,
                           long sent, long acked, long received, LinkFault fault) {
}
