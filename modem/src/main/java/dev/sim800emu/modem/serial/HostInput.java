package dev.sim800emu.modem.serial;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Input from one socket host (raw TCP, RFC 2217) to the modem, on the modem's event loop.
 *
 * <p>The socket is read all the time, also while the modem takes no input (type-ahead behind a
 * running command, a backed-up transparent uplink): what arrives meanwhile waits here, in order,
 * and is handed over as soon as the modem is ready again. Reading on matters because a host's close
 * travels behind the bytes it sent: a socket that is not read never shows that its host has gone,
 * and the line would stay busy for the next one.
 *
 * <p>The backlog is bounded: beyond {@link #BACKLOG_LIMIT} bytes reading stops, so that the host's
 * writes back up in TCP and nothing it sent is lost (a raw socket has no CTS wire). Only a host that
 * sends more than that while the modem is paused, and then leaves, is seen to leave late: when the
 * modem takes input again.
 *
 * <p>Bytes the modem takes at once pass through one array kept for the purpose, or as the socket's
 * buffer itself where the receiver can use it ({@link ToModem#accept(ByteBuf, byte[])}): the modem
 * copies what it keeps (its inbox, the uplink), so a streaming host costs no array per read.
 */
final class HostInput {
    /** Where input goes: {@code len} bytes of {@code bytes} from {@code off}, not kept after the call. */
    @FunctionalInterface
    interface ToModem {
        void accept(byte[] bytes, int off, int len);

        /**
         * The socket's buffer itself, when the bytes go straight to the modem (the caller releases
         * it afterwards). The default takes them through the array path; a receiver that can pass the
         * buffer on (a raw TCP host's bytes in data mode) overrides this.
         */
        default void accept(ByteBuf buf, byte[] scratch) {
            int n = buf.readableBytes();
            buf.getBytes(buf.readerIndex(), scratch, 0, n);
            accept(scratch, 0, n);
        }
    }

    /** Bytes kept while the modem is not ready, before reading the socket stops. */
    static final int BACKLOG_LIMIT = 1 << 20;

    private final Channel channel;
    private final BooleanSupplier modemReady;
    private final ToModem toModem;
    /** The array reads pass through on their way straight to the modem. */
    private byte[] scratch = new byte[0];
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private long backlogBytes;
    private boolean draining;
    private boolean closed;

    /**
     * @param modemReady whether the modem takes input now ({@code ModemEngine#inputReady})
     * @param toModem where input goes when it does
     */
    HostInput(Channel channel, BooleanSupplier modemReady, ToModem toModem) {
        this.channel = channel;
        this.modemReady = modemReady;
        this.toModem = toModem;
    }

    /** Bytes read from the socket (the caller releases {@code buf}). */
    void received(ByteBuf buf) {
        int n = buf.readableBytes();
        if (closed || n == 0) {
            return;
        }
        if (!straight()) {
            byte[] bytes = new byte[n];
            buf.readBytes(bytes);
            received(bytes);
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        toModem.accept(buf, scratch);
        drain();
    }

    /** Whether bytes arriving now go straight to the modem: it is ready, and nothing waits ahead. */
    private boolean straight() {
        return backlog.isEmpty() && !draining && modemReady.getAsBoolean();
    }

    /** Bytes read from the socket, in an array of their own. */
    void received(byte[] bytes) {
        if (closed || bytes.length == 0) {
            return;
        }
        if (straight()) {
            toModem.accept(bytes, 0, bytes.length);
        } else {
            backlog.add(bytes);
            backlogBytes += bytes.length;
        }
        drain();
    }

    /** The modem's readiness may have changed: hand over what waits, if it can take it. */
    void readyChanged() {
        drain();
    }

    /** The host has gone: what it sent and the modem did not take is dropped. */
    void close() {
        closed = true;
        backlog.clear();
        backlogBytes = 0;
    }

    /** Bytes waiting for the modem. */
    long backlogBytes() {
        return backlogBytes;
    }

    private void drain() {
        if (draining || closed) {
            return;
        }
        draining = true;
        try {
            // Handing bytes over may pause the modem again (the readiness callback comes back
            // here and returns at once): the loop re-checks before every chunk.
            while (!closed && !backlog.isEmpty() && modemReady.getAsBoolean()) {
                byte[] b = backlog.poll();
                backlogBytes -= b.length;
                toModem.accept(b, 0, b.length);
            }
        } finally {
            draining = false;
        }
        if (!closed) {
            boolean read = backlogBytes < BACKLOG_LIMIT;
            if (channel.config().isAutoRead() != read) {
                channel.config().setAutoRead(read);
            }
        }
    }
}
