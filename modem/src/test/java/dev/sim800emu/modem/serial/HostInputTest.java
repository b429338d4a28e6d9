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
        HostInput in = new HostInput(ch, () -> ready, modem::writeBytes);
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
        HostInput in = new HostInput(ch, () -> ready, modem::writeBytes);
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
        HostInput in = new HostInput(ch, () -> ready, b -> {
            modem.writeBytes(b);
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
