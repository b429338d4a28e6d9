package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.time.ModemClock;

/**
 * One CIPSEND between its prompt and its final line: the payload goes out, then SEND OK when the
 * network has confirmed every byte of it (DATA ACCEPT at once with CIPQSEND=1, nothing with
 * CIPSPRT=2), SEND FAIL when the link goes away first.
 */
final class SendSession implements PayloadSink {
    private final TcpIpStack ip;
    private final CommandContext ctx;
    final Link link;
    private final int generation;
    private final int length;
    ModemClock.Timer atsTimer;
    /** When this send gives up waiting for its acknowledgement (the {@link Sender}'s watchdog). */
    long giveUpAt = -1;
    /** The link's byte count at which this send is confirmed; -1 until the payload has gone out. */
    long confirmAt = -1;

    SendSession(TcpIpStack ip, CommandContext ctx, Link link, int length) {
        this.ip = ip;
        this.ctx = ctx;
        this.link = link;
        this.generation = link.generation;
        this.length = length;
    }

    @Override
    public int fixedLength() {
        return length;
    }

    @Override
    public int maxLength() {
        return TcpIpStack.MAX_SEND;
    }

    @Override
    public void onPayload(byte[] data) {
        cancelAts();
        if (data.length == 0) {
            finish(Result.ERROR);
            return;
        }
        if (link.generation != generation || link.state() != LinkState.CONNECTED || link.net == null) {
            finish(Result.text(ip.prefix(link) + "SEND FAIL"));
            return;
        }
        link.txBytes += data.length;
        if (link.udpDestination != null) {
            link.net.sendTo(data, link.udpDestination);
        } else {
            link.net.send(data);
        }
        TcpIpSettings s = ip.settings();
        if (s.get(TcpIpSetting.QSEND) == 1) {
            finish(ip.sender.dataAccept(link, data.length));
        } else if (s.get(TcpIpSetting.SPRT) == 2) {
            finish(Result.DONE);
        } else {
            confirmAt = link.txBytes;
            if (link.confirmedBytes >= confirmAt) {
                finish(ip.sender.sendOk(link));
            } else {
                ip.sender.watch(this, TcpIpStack.SEND_GIVE_UP_MILLIS);
                ip.awaitAcks(link);
            }
        }
    }

    @Override
    public void onCancel() {
        cancelAts();
        finish(Result.OK);
    }

    @Override
    public void onOverflow() {
        cancelAts();
        finish(Result.ERROR);
    }

    /** Called when the link confirms more bytes. */
    void confirmed() {
        if (confirmAt >= 0 && link.confirmedBytes >= confirmAt) {
            finish(ip.sender.sendOk(link));
        }
    }

    void linkLost() {
        finish(Result.text(ip.prefix(link) + "SEND FAIL"));
    }

    /** No acknowledgement in time: SEND FAIL, and the link is dropped with CLOSED. */
    void giveUp() {
        if (ip.sender.running(this)) {
            linkLost();
            if (link.generation == generation && link.state().busy()) {
                link.detach(true);
                link.apply(LinkEvent.DROP);
                ip.host.urc(w -> w.text(ip.prefix(link) + "CLOSED"));
            }
        }
    }

    private void cancelAts() {
        if (atsTimer != null) {
            atsTimer.cancel();
            atsTimer = null;
        }
    }

    void cancelTimers() {
        cancelAts();
        giveUpAt = -1;
    }

    private void finish(Result r) {
        cancelTimers();
        ip.sender.finished(this);
        ip.awaitAcks(link);
        ctx.complete(r);
    }
}
