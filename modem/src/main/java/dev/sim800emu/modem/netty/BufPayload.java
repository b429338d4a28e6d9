package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.Payload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A socket's read buffer on its way through the engine: a link's read going to the host, or a host's
 * read going to a link. The reader keeps the last word: whatever the engine's call did not take (as
 * an array, or {@link #take}n by a serial endpoint that writes the buffer to the host itself) is
 * released when the call returns ({@link #dispose}), on every path. Slices a link sends
 * ({@link #slice}) hold their own reference and outlive the call.
 */
public final class BufPayload implements Payload {
    private ByteBuf buf;
    private final int length;

    BufPayload(ByteBuf buf) {
        this.buf = buf;
        this.length = buf.readableBytes();
    }

    /**
     * A payload over {@code buf} with a reference of its own (the caller still releases its own);
     * {@link #dispose} it when the call that delivers it returns.
     */
    public static BufPayload borrow(ByteBuf buf) {
        return new BufPayload(buf.retain());
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

    @Override
    public byte byteAt(int index) {
        ByteBuf b = live();
        return b.getByte(b.readerIndex() + java.util.Objects.checkIndex(index, length));
    }

    @Override
    public void copyTo(int index, byte[] dst, int dstOff, int len) {
        ByteBuf b = live();
        java.util.Objects.checkFromIndexSize(index, len, length);
        b.getBytes(b.readerIndex() + index, dst, dstOff, len);
    }

    /**
     * {@code len} bytes of {@code data} from {@code off} as a buffer of their own (a retained slice:
     * no copy; the caller writes and releases it), when {@code data} is a network buffer not used up;
     * null otherwise (copy them with {@link Payload#copyTo}).
     */
    public static ByteBuf slice(Payload data, int off, int len) {
        if (data instanceof BufPayload p && p.buf != null) {
            java.util.Objects.checkFromIndexSize(off, len, p.length);
            return p.buf.retainedSlice(p.buf.readerIndex() + off, len);
        }
        return null;
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
    public void dispose() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    private ByteBuf live() {
        if (buf == null) {
            throw new IllegalStateException("payload already used");
        }
        return buf;
    }

    private ByteBuf claim() {
        ByteBuf b = live();
        buf = null;
        return b;
    }
}
