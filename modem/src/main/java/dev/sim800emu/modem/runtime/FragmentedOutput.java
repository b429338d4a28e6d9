package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.adversary.TimingAdversary;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The serial line's side of {@code --stress-timing}: output leaves in random small fragments with
 * random gaps between them (as a UART driver, a USB bridge and a busy host deliver it), in order,
 * scheduled on the modem's event loop. The sizes and gaps come from a seeded
 * {@link TimingAdversary}; a driver that assumes a reply arrives in one read is caught.
 */
final class FragmentedOutput implements SerialOutput {
    private final EventLoop loop;
    private final TimingAdversary adversary;
    private final SerialOutput next;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int offset;
    private boolean scheduled;

    FragmentedOutput(EventLoop loop, TimingAdversary adversary, SerialOutput next) {
        this.loop = loop;
        this.adversary = adversary;
        this.next = next;
    }

    @Override
    public void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        queue.add(bytes);
        if (!scheduled) {
            pump();
        }
    }

    /** Sends fragments until a gap is due, then comes back after it. */
    private void pump() {
        scheduled = false;
        while (!queue.isEmpty()) {
            byte[] head = queue.peek();
            int n = adversary.fragment(head.length - offset);
            byte[] part = new byte[n];
            System.arraycopy(head, offset, part, 0, n);
            offset += n;
            if (offset == head.length) {
                queue.poll();
                offset = 0;
            }
            next.write(part);
            long gap = adversary.gap();
            if (gap > 0 && !queue.isEmpty()) {
                scheduled = true;
                loop.schedule(this::pump, gap, TimeUnit.MILLISECONDS);
                return;
            }
        }
    }

    /** Everything still queued goes out now, whole (the adversary is being switched off). */
    void drain() {
        while (!queue.isEmpty()) {
            byte[] head = queue.poll();
            byte[] rest = offset == 0 ? head : java.util.Arrays.copyOfRange(head, offset, head.length);
            offset = 0;
            next.write(rest);
        }
    }
}
