package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.at.ResultCode;
import java.io.ByteArrayOutputStream;

/**
 * Which link, if any, is in transparent mode (AT+CIPMODE=1, single mode only), and the moves of the
 * serial line around it: CONNECT into data mode, +++/ATO/DTR, the peer closing, back-pressure both
 * ways. The data itself is {@link TransparentLink}'s.
 */
final class TransparentMode {
    /** Unconfirmed transparent uplink bytes above which CTS drops and host input pauses. */
    static final long UPLINK_LIMIT = 256 * 1024;

    private final TcpIpStack ip;
    /** Transparent mode on link 0 while it is connected, or null. */
    private TransparentLink current;
    private boolean hostPaused;

    TransparentMode(TcpIpStack ip) {
        this.ip = ip;
    }

    boolean owns(Link l) {
        return current != null && current.link == l;
    }

    /** Link {@code l} just connected in transparent mode: CONNECT, then data mode. */
    void start(Link l, String before) {
        TransparentLink t = new TransparentLink(ip, ip.host, l);
        current = t;
        ip.host.urc(w -> {
            if (before != null) {
                w.text(before);
            }
            w.result(ResultCode.CONNECT);
        });
        ip.host.linesChanged();
        enterDataModeLater(t);
    }

    private void enterDataModeLater(TransparentLink t) {
        ip.host.enterDataMode(() -> {
            if (current == t && t.link.state() == LinkState.CONNECTED) {
                t.enterDataMode();
            }
        });
    }

    /** Whether a data carrier exists, for DCD with AT&C1: a link is open in transparent mode. */
    boolean carrier() {
        return current != null && current.link.state() == LinkState.CONNECTED;
    }

    /** The transparent uplink has more in flight than the link has confirmed. */
    boolean uplinkCongested() {
        TransparentLink t = current;
        return t != null && t.link.txBytes - t.link.confirmedBytes > UPLINK_LIMIT;
    }

    /** Link {@code l} is the transparent one and has a quarter of the limit unconfirmed. */
    boolean uplinkBusy(Link l) {
        return owns(l) && l.txBytes - l.confirmedBytes > UPLINK_LIMIT / 4;
    }

    /**
     * The host is not taking output (RTS off, socket full): stop reading every link so that the
     * held output stops growing, and resume when it drains.
     */
    void hostBackpressure(boolean pause) {
        if (pause == hostPaused) {
            return;
        }
        hostPaused = pause;
        for (Link l : ip.links) {
            applyReading(l);
        }
    }

    /**
     * Tells link {@code l}'s socket whether to read: not while the host's output is backed up, nor
     * while the link's own buffer (manual receive, transparent downlink) is full. The one place
     * that decides it, so that freeing one condition never resumes reading while the other holds.
     */
    void applyReading(Link l) {
        if (l.net != null) {
            l.net.setReading(!hostPaused && !l.readingPaused);
        }
    }

    boolean inDataMode() {
        return current != null && current.dataMode;
    }

    /** Host bytes while the serial line is in data mode. */
    void onHostBytes(dev.sim800emu.modem.net.Payload data) {
        if (inDataMode()) {
            current.onHostBytes(data);
        }
    }

    /** Peer bytes of link {@code l}; false when {@code l} is not the transparent link. */
    boolean peerBytes(Link l, byte[] data) {
        if (!owns(l)) {
            return false;
        }
        current.onPeerBytes(data);
        return true;
    }

    /**
     * Whether peer bytes of link {@code l} may go to the host as they are: it is the transparent
     * link, in data mode, delivering at once (Rxmode 0), and holding nothing for the host.
     */
    boolean passesThrough(Link l) {
        return owns(l) && current.passesThrough();
    }

    /** Peer bytes of the transparent link, when {@link #passesThrough} said so. */
    void peerPayload(dev.sim800emu.modem.net.Payload data) {
        ip.host.writeData(data);
    }

    /** ATO: back to data mode on the transparent link, or ERROR when there is none. */
    Result ato(CommandContext ctx) {
        TransparentLink t = current;
        if (t == null || t.dataMode || t.link.state() != LinkState.CONNECTED) {
            return Result.ERROR;
        }
        ctx.out().result(ResultCode.CONNECT);
        enterDataModeLater(t);
        return Result.DONE;
    }

    /**
     * The host dropped DTR in data mode: AT&D1 returns to command mode keeping the link, AT&D2
     * closes the link as well, AT&D0 ignores it.
     */
    void dtrDropped(int ampD) {
        TransparentLink t = current;
        if (t == null || !t.dataMode || ampD == 0) {
            return;
        }
        if (ampD == 1) {
            t.escape();
            return;
        }
        t.dataMode = false;
        end();
        Link l = t.link;
        l.detach(false);
        if (l.state().busy()) { // the peer may have closed already, its CLOSED still being paced out
            l.apply(LinkEvent.CLOSE);
        }
        l.closedLocally = true;
        ip.host.leaveDataMode("CLOSED");
    }

    /** The link whose data the serial line carries right now, or null. */
    TransparentLink inData() {
        return inDataMode() ? current : null;
    }

    /**
     * The peer closed link {@code l}; false when it is not the transparent link. In data mode what
     * the peer sent still reaches the host, then CLOSED; in command mode the bytes kept for ATO
     * cannot wait for a link that is gone, so they go out now, before CLOSED.
     */
    boolean peerClosed(Link l) {
        if (!owns(l)) {
            return false;
        }
        TransparentLink t = current;
        if (t.dataMode) {
            t.peerClosed(); // prints what is left, then CLOSED, then command mode
            return true;
        }
        byte[] left = t.pending() > 0 ? drain(t) : null;
        end();
        ip.host.urc(w -> {
            if (left != null) {
                w.raw(left);
            }
            w.text("CLOSED");
        });
        return true;
    }

    private static byte[] drain(TransparentLink t) {
        t.dataMode = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.drainTo(out::writeBytes);
        t.dataMode = false;
        return out.toByteArray();
    }

    /** {@code t} has finished (the peer's CLOSED was printed in data mode). */
    void ended(TransparentLink t) {
        if (current == t) {
            end();
        }
    }

    /** Ends transparent mode on whatever link has it. */
    void end() {
        if (current != null) {
            TransparentLink t = current;
            current = null;
            t.dispose();
            ip.awaitAcks(t.link);
            ip.host.linesChanged();
        }
    }
}
