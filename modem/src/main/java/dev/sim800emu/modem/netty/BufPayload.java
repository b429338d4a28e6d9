package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.Payload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A link's read buffer on its way through the engine. The link keeps the last word: whatever the
 * engine's call did not take (as an array, or {@link #take}n by a serial endpoint that writes the
 * buffer to the host itself) is released when the call returns, on every path.
 */
public final class BufPayload implements Payload {
    private ByteBuf buf;
    private final int length;

    BufPayload(ByteBuf buf) {
        this.buf = buf;
        this.length = buf.readableBytes();
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte[] toArray() {
        ByteBuf b = claim();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /**
     * The buffer itself, now the caller's to write and release, when {@code data} is a network
     * buffer not yet used up; null otherwise (take the bytes with {@link Payload#toArray}).
     */
    public static ByteBuf take(Payload data) {
        if (data instanceof BufPayload p && p.buf != null) {
            return p.claim();
        }
        return null;
    }

    /** The delivering call has returned: what it did not take is released. */
    void dispose() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    private ByteBuf claim() {
        ByteBuf b = buf;
        if (b == null) {
            throw new IllegalStateException("payload already used");
        }
        buf = null;
        return b;
    }
}
