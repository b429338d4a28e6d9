package dev.sim800emu.modem.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link HostInput} and {@link HostSlot} on embedded channels. */
class HostInputTest {
    private boolean ready = true;
    private final ByteArrayOutputStream modem = new ByteArrayOutputStream();

    @Test
    void keepsReadingWhileTheModemIsPausedAndHandsOverInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel();
        HostInput in = new HostInput(ch, () -> ready, modem::write);
        in.received(new byte[] {1});
        ready = false;
        in.received(new byte[] {2});
        in.received(new byte[] {3});
        assertThat(modem.toByteArray()).containsExactly(1);
        assertThat(ch.config().isAutoRead()).as("still reading: a close must be seen").isTrue();
        ready = true;
        in.readyChanged();
        assertThat(modem.toByteArray()).containsExactly(1, 2, 3);
        assertThat(in.backlogBytes()).isZero();
    }

    @Test
    void stopsReadingBeyondItsLimitAndResumesWhenDrained() {
        EmbeddedChannel ch = new EmbeddedChannel();
        HostInput in = new HostInput(ch, () -> ready, modem::write);
        ready = false;
        for (int i = 0; i < 16; i++) {
            in.received(new byte[HostInput.BACKLOG_LIMIT / 16]);
        }
        assertThat(ch.config().isAutoRead()).as("backlog full: TCP back-pressure takes over").isFalse();
        ready = true;
        in.readyChanged();
        assertThat(modem.size()).isEqualTo(HostInput.BACKLOG_LIMIT);
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    /** The modem pauses again while taking the backlog: the rest waits for the next readiness. */
    @Test
    void handingOverStopsWhenTheModemPausesAgain() {
        EmbeddedChannel ch = new EmbeddedChannel();
        HostInput[] self = new HostInput[1];
        HostInput in = new HostInput(ch, () -> ready, (b, off, len) -> {
            modem.write(b, off, len);
            ready = false; // taking this chunk filled the modem
            self[0].readyChanged(); // the engine's callback comes back in
        });
        self[0] = in;
        ready = false;
        in.received(new byte[] {1});
        in.received(new byte[] {2});
        ready = true;
        in.readyChanged();
        assertThat(modem.toByteArray()).containsExactly(1);
        ready = true;
        in.readyChanged();
        assertThat(modem.toByteArray()).containsExactly(1, 2);
    }

    /**
     * Socket reads pass straight through one reused array while the modem takes them, and into
     * arrays of their own while it does not: what waits is never overwritten by a later read.
     */
    @Test
    void buffersPassThroughAndWhatWaitsKeepsItsBytes() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<byte[]> arrays = new ArrayList<>();
        HostInput in = new HostInput(ch, () -> ready, (b, off, len) -> {
            arrays.add(b);
            modem.write(b, off, len);
        });
        feed(in, buf(1, 2, 3));
        feed(in, buf(4));
        assertThat(arrays.get(1)).as("one array for reads taken at once").isSameAs(arrays.get(0));
        ready = false;
        feed(in, buf(5, 6));
        feed(in, buf(7));
        ready = true;
        in.readyChanged();
        feed(in, buf(8));
        assertThat(modem.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    /** As the endpoint does: the read buffer is released after the call. */
    private static void feed(HostInput in, io.netty.buffer.ByteBuf b) {
        try {
            in.received(b);
        } finally {
            b.release();
        }
    }

    private static io.netty.buffer.ByteBuf buf(int... bytes) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        for (int v : bytes) {
            b.writeByte(v);
        }
        return b;
    }

    @Test
    void aNewcomerWaitsForTheHostToTurnOutGoneOrIsRefused() {
        List<String> log = new ArrayList<>();
        HostSlot slot = new HostSlot("test", ch -> log.add("admit " + ch.id()), ch -> log.add("gone " + ch.id()));
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        EmbeddedChannel c = new EmbeddedChannel();
        slot.arrived(a);
        slot.arrived(b);
        assertThat(slot.host()).isSameAs(a);
        assertThat(b.config().isAutoRead()).as("the newcomer is not read while it waits").isFalse();
        slot.left(a);
        assertThat(slot.host()).isSameAs(b);
        assertThat(b.config().isAutoRead()).isTrue();
        assertThat(log).containsExactly("admit " + a.id(), "gone " + a.id(), "admit " + b.id());

        slot.arrived(c);
        c.advanceTimeBy(HostSlot.GRACE_MILLIS, TimeUnit.MILLISECONDS);
        c.runScheduledPendingTasks();
        assertThat(c.isOpen()).as("refused: the host stayed").isFalse();
        assertThat(slot.host()).isSameAs(b);
    }
}
