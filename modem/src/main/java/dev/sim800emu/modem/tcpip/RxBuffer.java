package dev.sim800emu.modem.tcpip;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * Received bytes waiting for AT+CIPRXGET, in arrival order, each chunk with its sender (for
 * CIPSRIP). Bounded by the caller: TCP stops reading when it is full, UDP drops datagrams.
 */
final class RxBuffer {
    private record Chunk(byte[] data, InetSocketAddress from) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private int headOffset;
    private int size;

    void add(byte[] data, InetSocketAddress from) {
        if (data.length > 0) {
            chunks.add(new Chunk(data, from));
            size += data.length;
        }
    }

    int size() {
        return size;
    }

    /** Sender of the oldest unread byte, or null when empty. */
    InetSocketAddress headSender() {
        Chunk c = chunks.peek();
        return c == null ? null : c.from();
    }

    /** Removes and returns up to {@code max} bytes, never crossing into a chunk from another sender. */
    byte[] read(int max) {
        int n = Math.min(max, size);
        byte[] out = new byte[n];
        int pos = 0;
        InetSocketAddress first = headSender();
        while (pos < n) {
            Chunk c = chunks.peek();
            if (c == null || (pos > 0 && !java.util.Objects.equals(c.from(), first))) {
                break;
            }
            int take = Math.min(n - pos, c.data().length - headOffset);
            System.arraycopy(c.data(), headOffset, out, pos, take);
            pos += take;
            headOffset += take;
            if (headOffset == c.data().length) {
                chunks.poll();
                headOffset = 0;
            }
        }
        size -= pos;
        return pos == n ? out : java.util.Arrays.copyOf(out, pos);
    }

    void clear() {
        chunks.clear();
        headOffset = 0;
        size = 0;
    }
}
