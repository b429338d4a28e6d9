package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.net.LinkListener;
import java.net.InetSocketAddress;

/**
 * Socket events of one link, for one generation of its slot: an event from a socket the slot has
 * let go of (CIPCLOSE, CIPSHUT, reboot) carries an old generation and is ignored.
 */
final class SocketEvents implements LinkListener {
    private final TcpIpStack ip;
    private final Link l;
    private final int generation;

    SocketEvents(TcpIpStack ip, Link l, int generation) {
        this.ip = ip;
        this.l = l;
        this.generation = generation;
    }

    private boolean current() {
        return l.generation == generation;
    }

    @Override
    public void onConnected() {
        if (!current() || l.state() != LinkState.CONNECTING) {
            return;
        }
        l.apply(LinkEvent.CONNECTED);
        if (ip.settings().get(TcpIpSetting.MODE) == 1 && !ip.multi()) {
            ip.transparent.start(l, null);
        } else {
            ip.host.urc(w -> w.text(ip.prefix(l) + "CONNECT OK"));
        }
    }

    @Override
    public void onConnectFailed(String reason) {
        if (current() && l.state() == LinkState.CONNECTING) {
            ip.connections.connectFailed(l);
        }
    }

    @Override
    public void onTlsFailed(boolean alert, String reason) {
        if (current() && l.state() == LinkState.CONNECTING) {
            ip.connections.handshakeFailed(l);
        }
    }

    @Override
    public void onData(byte[] data, InetSocketAddress from) {
        if (current() && l.state().busy()) {
            l.rxTotal += data.length;
            ip.receiver.receive(l, data, from);
        }
    }

    /** The transparent downlink passes the network's buffer on when nothing waits ahead of it. */
    @Override
    public void onData(dev.sim800emu.modem.net.Payload data, InetSocketAddress from) {
        if (current() && l.state().busy() && ip.transparent.passesThrough(l)) {
            l.rxTotal += data.length();
            ip.transparent.peerPayload(data);
            return;
        }
        onData(data.toArray(), from);
    }

    @Override
    public void onAcked(long totalAcked) {
        if (!current()) {
            return;
        }
        l.confirmedBytes = Math.max(l.confirmedBytes, totalAcked);
        ip.sender.confirmed(l);
        ip.awaitAcks(l);
        if (ip.transparent.owns(l)) {
            ip.host.linesChanged(); // CTS and input readiness follow the uplink backlog
        }
    }

    @Override
    public void onClosed(String reason) {
        if (!current() || !l.state().busy()) {
            return;
        }
        ip.sender.failPending(l);
        l.detach(true);
        l.apply(LinkEvent.PEER_CLOSED);
        if (!ip.transparent.peerClosed(l)) {
            ip.host.urc(w -> w.text(ip.prefix(l) + "CLOSED"));
        }
    }
}
