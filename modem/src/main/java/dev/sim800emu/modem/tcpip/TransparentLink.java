package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.ByteSink;
import dev.sim800emu.modem.net.Payload;
import dev.sim800emu.modem.time.ModemClock;
import java.util.ArrayDeque;

/**
 * Transparent (data) mode on link 0 (note §3.2, reference §7): every byte from the host is payload,
 * every byte from the peer goes to the host raw.
 *
 * <h2>Uplink</h2>
 * Host bytes are packed into packets: one leaves when SendSz bytes are buffered, or when the line
 * has been idle for WaitTm × 100 ms (CIPCCFG; the manual's unit, the note says 200 ms).
 *
 * <h2>The +++ escape</h2>
 * Measured on byte arrival times: at least 1000 ms of silence, then three '+' with less than
 * 1000 ms between them, then 1000 ms of silence. The plus signs are held back while the sequence is
 * possible; any other timing releases them as ordinary payload, in order, so data that only looks
 * like "+++" passes through untouched.
 *
 * <h2>Downlink</h2>
 * Peer bytes go to the host at once (Rxmode 0) or in RxSize chunks every Rxtimer ms (Rxmode 1).
 * While the host is in command mode (after +++ or a DTR drop) they are kept, and delivered on ATO;
 * past {@link #DOWNLINK_LIMIT} bytes the socket stops being read, so the peer is back-pressured and
 * nothing is lost.
 */
final class TransparentLink {
    static final long GUARD_MILLIS = 1000;
    static final int DOWNLINK_LIMIT = 64 * 1024;

    private final TcpIpStack ip;
    private final TcpIpHost host;
    final Link link;
    /** True while the serial line is in data mode (not escaped to command mode). */
    boolean dataMode;

    private final ByteSink uplink = new ByteSink(64);
    private ModemClock.Timer waitTimer;
    /** When the bytes short of a packet leave (WaitTm after the last byte); -1 when none wait. */
    private long waitDue = -1;

    private long lastByteAt;
    private int heldPluses;
    private long lastPlusAt;
    private ModemClock.Timer escapeTimer;

    private final ArrayDeque<byte[]> downlink = new ArrayDeque<>();
    private int downlinkBytes;
    private int headOffset;
    private ModemClock.Timer rxTimer;
    private boolean closing;

    TransparentLink(TcpIpStack ip, TcpIpHost host, Link link) {
        this.ip = ip;
        this.host = host;
        this.link = link;
    }

    /** Field {@code i} of AT+CIPCCFG (WaitTm, SendSz, esc, Rxmode, RxSize, Rxtimer). */
    private int ccfg(int i) {
        return ip.settings().get(TcpIpSetting.CCFG, i);
    }

    /** The serial line enters (or returns to) data mode: the guard time starts now. */
    void enterDataMode() {
        dataMode = true;
        lastByteAt = host.clock().nowMillis();
        heldPluses = 0;
        deliver();
    }

    // ---------------------------------------------------------------- uplink

    void onHostBytes(Payload data) {
        long now = host.clock().nowMillis();
        boolean escapeOn = ccfg(3) == 1;
        int len = data.length();
        int i = 0;
        int sendSz = ccfg(2);
        int held = uplink.size();
        if (heldPluses == 0 && len > 0 && held + len >= sendSz && link.protocol == dev.sim800emu.modem.net.Protocol.TCP
                && !escapeMayStart(escapeOn, now, data.byteAt(0))) {
            // A streaming host: the packets this read completes go out in one send, the start kept
            // from earlier reads and the rest straight from the host's buffer (no uplink copy).
            int fromData = (held + len) - (held + len) % sendSz - held;
            lastByteAt = now;
            sendPacket(uplink.array(), held, data, fromData);
            uplink.discard(held);
            i = fromData;
        }
        while (i < len) {
            if (heldPluses == 0 && !escapeMayStart(escapeOn, now, data.byteAt(i))) {
                // Fast path: the rest of this read is payload, copied in one go.
                int n = len - i;
                byte[] into = uplink.append(n);
                data.copyTo(i, into, uplink.size() - n, n);
                lastByteAt = now;
                break;
            }
            int b = data.byteAt(i++) & 0xFF;
            if (escapeOn && b == '+' && plusMayContinue(now)) {
                heldPluses++;
                lastPlusAt = now;
                lastByteAt = now;
                armEscapeTimer(now);
                continue;
            }
            releasePluses();
            uplink.write(b);
            lastByteAt = now;
        }
        packetize();
    }

    /**
     * Whether byte {@code b}, arriving now with no plus held, could begin an escape. Only after the
     * guard time's silence; and since every byte (held or not) restarts the silence, a byte that is
     * not such a '+' makes the rest of its read plain payload, whatever it holds: no need to look
     * for plus signs in it.
     */
    private boolean escapeMayStart(boolean escapeOn, long now, byte b) {
        return escapeOn && b == '+' && now - lastByteAt >= GUARD_MILLIS;
    }

    /** Whether a '+' arriving now can be part of an escape sequence. */
    private boolean plusMayContinue(long now) {
        if (heldPluses == 0) {
            return now - lastByteAt >= GUARD_MILLIS;
        }
        return heldPluses < 3 && now - lastPlusAt < GUARD_MILLIS;
    }

    private void armEscapeTimer(long now) {
        cancel(escapeTimer);
        // With three pluses: escape if the line stays silent for the guard time. With fewer: the
        // sequence dies if the next '+' does not come within the guard time.
        escapeTimer = host.clock().schedule(GUARD_MILLIS, () -> {
            escapeTimer = null;
            if (heldPluses == 3) {
                heldPluses = 0;
                escape();
            } else {
                releasePluses();
                packetize();
            }
        });
    }

    private void releasePluses() {
        if (heldPluses > 0) {
            for (int k = 0; k < heldPluses; k++) {
                uplink.write('+');
            }
            heldPluses = 0;
            cancel(escapeTimer);
            escapeTimer = null;
        }
    }

    private void packetize() {
        int sendSz = ccfg(2);
        if (uplink.size() >= sendSz) {
            byte[] all = uplink.array();
            int full = uplink.size() - uplink.size() % sendSz;
            if (link.protocol == dev.sim800emu.modem.net.Protocol.TCP) {
                // A TCP stream has no packet boundaries to keep: the full packets go out in one
                // write (one system call) instead of one per SendSz bytes, straight from the buffer.
                sendPacket(all, 0, full);
            } else {
                for (int p = 0; p < full; p += sendSz) {
                    sendPacket(all, p, sendSz);
                }
            }
            uplink.discard(full);
        }
        if (uplink.isEmpty()) {
            waitDue = -1;
            return;
        }
        // WaitTm counts from the last byte. One timer serves a stream of reads: when it fires early
        // (more bytes came since it was set) it sets itself again for the rest, rather than being
        // cancelled and scheduled anew on every read.
        long wait = ccfg(1) * 100L;
        waitDue = host.clock().nowMillis() + wait;
        if (waitTimer == null) {
            waitTimer = host.clock().schedule(wait, this::waitTimeUp);
        }
    }

    private void waitTimeUp() {
        waitTimer = null;
        if (uplink.isEmpty() || waitDue < 0) {
            return;
        }
        long left = waitDue - host.clock().nowMillis();
        if (left > 0) {
            waitTimer = host.clock().schedule(left, this::waitTimeUp);
            return;
        }
        waitDue = -1;
        sendPacket(uplink.drain());
    }

    private void sendPacket(byte[] packet) {
        sendPacket(packet, 0, packet.length);
    }

    private void sendPacket(byte[] data, int off, int len) {
        if (link.net != null && link.state() == LinkState.CONNECTED) {
            link.net.send(data, off, len);
            sent(len);
        }
    }

    /** {@code headLen} bytes kept in {@code head}, then the first {@code len} of the host's read. */
    private void sendPacket(byte[] head, int headLen, Payload data, int len) {
        if (link.net != null && link.state() == LinkState.CONNECTED) {
            link.net.send(head, headLen, data, 0, len);
            sent(headLen + len);
        }
    }

    private void sent(int len) {
        link.txBytes += len;
        ip.awaitAcks(link);
        if (ip.uplinkCongested()) {
            host.linesChanged();
        }
    }

    /** +++ or DTR: back to command mode, the link stays up. Buffered uplink bytes still go out. */
    void escape() {
        if (!dataMode) {
            return;
        }
        flushUplink();
        dataMode = false;
        host.leaveDataMode("OK");
    }

    private void flushUplink() {
        releasePluses();
        cancel(waitTimer);
        waitTimer = null;
        if (!uplink.isEmpty()) {
            sendPacket(uplink.drain());
        }
    }

    // ---------------------------------------------------------------- downlink

    void onPeerBytes(byte[] data) {
        downlink.add(data);
        downlinkBytes += data.length;
        if (downlinkBytes > DOWNLINK_LIMIT && !link.readingPaused) {
            // Kept for the host (command mode, slow pacing): the peer waits instead.
            link.readingPaused = true;
            ip.applyReading(link);
        }
        deliver();
    }

    /** Peer bytes may go straight to the host: data mode, Rxmode 0, nothing kept ahead of them. */
    boolean passesThrough() {
        return dataMode && !closing && downlink.isEmpty() && ccfg(4) == 0;
    }

    /** Writes what may go to the host now: all of it, or one paced chunk with Rxmode 1. */
    private void deliver() {
        if (!dataMode) {
            return;
        }
        if (ccfg(4) == 0) {
            while (!downlink.isEmpty()) {
                if (headOffset == 0) {
                    // Whole chunks go out as they came, without another copy.
                    byte[] chunk = downlink.poll();
                    downlinkBytes -= chunk.length;
                    host.writeData(chunk);
                } else {
                    host.writeData(take(Integer.MAX_VALUE));
                }
            }
        } else if (rxTimer == null && downlinkBytes > 0) {
            host.writeData(take(ccfg(5)));
            rxTimer = host.clock().schedule(ccfg(6), () -> {
                rxTimer = null;
                deliver();
                finishCloseIfDrained();
            });
        }
        if (link.readingPaused && downlinkBytes <= DOWNLINK_LIMIT / 2) {
            link.readingPaused = false;
            ip.applyReading(link);
        }
    }

    private byte[] take(int max) {
        ByteSink out = new ByteSink(Math.min(max, downlinkBytes));
        while (!downlink.isEmpty() && out.size() < max) {
            byte[] head = downlink.peek();
            int n = Math.min(max - out.size(), head.length - headOffset);
            out.write(head, headOffset, n);
            headOffset += n;
            if (headOffset == head.length) {
                downlink.poll();
                headOffset = 0;
            }
        }
        downlinkBytes -= out.size();
        return out.drain();
    }

    /** The peer closed: what it sent still reaches the host, then CLOSED ends data mode. */
    void peerClosed() {
        closing = true;
        cancelTimers();
        if (dataMode) {
            deliver();
            finishCloseIfDrained();
        }
    }

    private void finishCloseIfDrained() {
        if (closing && dataMode && downlinkBytes == 0) {
            dataMode = false;
            host.leaveDataMode("CLOSED");
            ip.transparent.ended(this);
        }
    }

    /** Whether the peer went away while the host was in command mode (CLOSED was printed then). */
    boolean closing() {
        return closing;
    }

    /** Hands every byte held for the host to {@code sink}, in order. */
    void drainTo(java.util.function.Consumer<byte[]> sink) {
        while (!downlink.isEmpty()) {
            sink.accept(take(Integer.MAX_VALUE));
        }
    }

    /** Bytes held for the host. */
    int pending() {
        return downlinkBytes;
    }

    void cancelTimers() {
        cancel(waitTimer);
        cancel(escapeTimer);
        waitTimer = null;
        escapeTimer = null;
    }

    void dispose() {
        cancelTimers();
        cancel(rxTimer);
        rxTimer = null;
        downlink.clear();
        downlinkBytes = 0;
    }

    private static void cancel(ModemClock.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
