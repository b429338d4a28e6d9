package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.time.ModemClock;

/**
 * AT+CIPSEND: starts a {@link SendSession} and keeps the one that is running, if any.
 *
 * <p>A host that streams sends one CIPSEND after another, so the send path allocates little per
 * chunk: the give-up deadline of a send waiting for its acknowledgement is watched by one timer that
 * outlives the sends (it re-arms for the send running when it fires, rather than being scheduled and
 * cancelled per chunk), and the final lines are built once per link and length.
 */
final class Sender {
    private final TcpIpStack ip;
    private SendSession running;
    private ModemClock.Timer watchdog;
    /** "SEND OK" by link, index 0 for single mode, link id + 1 in multi mode; built when first needed. */
    private Result[] sendOk;
    private Result lastAccept;
    private int lastAcceptKey = -1;

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

    /** {@code session} waits for its acknowledgement: it gives up after {@code millis}. */
    void watch(SendSession session, long millis) {
        session.giveUpAt = ip.host.clock().nowMillis() + millis;
        if (watchdog == null) {
            watchdog = ip.host.clock().schedule(millis, this::watchdogFired);
        }
    }

    private void watchdogFired() {
        watchdog = null;
        SendSession s = running;
        if (s == null || s.giveUpAt < 0) {
            return; // nothing waits: the timer ends here, the next send waiting for an ACK arms it
        }
        long left = s.giveUpAt - ip.host.clock().nowMillis();
        if (left > 0) {
            watchdog = ip.host.clock().schedule(left, this::watchdogFired);
            return;
        }
        s.giveUp();
    }

    /** "SEND OK", with the link's prefix in multi mode. */
    Result sendOk(Link l) {
        int slot = ip.multi() ? l.id + 1 : 0;
        if (sendOk == null) {
            sendOk = new Result[ip.links.length + 1];
        }
        Result r = sendOk[slot];
        if (r == null) {
            r = Result.text(ip.prefix(l) + "SEND OK");
            sendOk[slot] = r;
        }
        return r;
    }

    /** "DATA ACCEPT:[n,]length"; the last one is kept, as a loop repeats it. */
    Result dataAccept(Link l, int length) {
        int key = (ip.multi() ? l.id + 1 : 0) * (TcpIpStack.MAX_SEND + 1) + length;
        if (key != lastAcceptKey) {
            lastAccept = Result.text("DATA ACCEPT:" + (ip.multi() ? l.id + "," : "") + length);
            lastAcceptKey = key;
        }
        return lastAccept;
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

    /** Whether a send on link {@code l} waits for the network to confirm it (SEND OK). */
    boolean awaitsConfirmation(Link l) {
        return running != null && running.link == l && running.confirmAt >= 0;
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
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }
}
