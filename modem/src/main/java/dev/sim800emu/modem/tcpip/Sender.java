package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;

/** AT+CIPSEND: starts a {@link SendSession} and keeps the one that is running, if any. */
final class Sender {
    private final TcpIpStack ip;
    private SendSession running;

    Sender(TcpIpStack ip) {
        this.ip = ip;
    }

    /** Starts a CIPSEND on link {@code id}; {@code length} is -1 for the Ctrl-Z form. */
    Result cipsend(CommandContext ctx, int id, int length) {
        Link l = ip.links[id];
        if (length == 0 || length > TcpIpStack.MAX_SEND) {
            return Result.ERROR;
        }
        // A transparent link takes its data from data mode, never from CIPSEND.
        if (!ip.allowed(Permissions.Op.CIPSEND, l) || l.net == null || ip.transparent.owns(l)) {
            return Result.notAllowed();
        }
        TcpIpSettings s = ip.settings();
        SendSession session = new SendSession(ip, ctx, l, length);
        running = session;
        ip.host.beginPayload(session);
        if (s.get(TcpIpSetting.SPRT) == 1) {
            ctx.out().prompt();
        }
        if (s.get(TcpIpSetting.ATS) == 1) {
            session.atsTimer = ip.host.clock().schedule(s.get(TcpIpSetting.ATS, 1) * 1000L, ip.host::flushPayload);
        }
        return Result.PENDING;
    }

    boolean running(SendSession session) {
        return running == session;
    }

    void finished(SendSession session) {
        if (running == session) {
            running = null;
        }
    }

    /** Link {@code l} confirmed more bytes: a waiting SEND OK may be due. */
    void confirmed(Link l) {
        if (running != null && running.link == l) {
            running.confirmed();
        }
    }

    /** Link {@code l} is gone while its send waits for confirmation: SEND FAIL. */
    void failPending(Link l) {
        if (running != null && running.link == l && running.confirmAt >= 0) {
            running.linkLost();
        }
    }

    /** Forgets the running send without a final line (CIPSHUT, reboot). */
    void abandon() {
        if (running != null) {
            running.cancelTimers();
            running = null;
        }
    }
}
