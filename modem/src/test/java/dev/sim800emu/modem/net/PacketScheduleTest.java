package dev.sim800emu.modem.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketScheduleTest {
    private static final long MS = 1_000_000;

    @Test
    void packetsLeaveAtTheRateOneAfterAnother() {
        PacketSchedule s = new PacketSchedule();
        // 10 kbit/s: 125 bytes take 100 ms.
        assertThat(s.arrival(0, 125, 10_000, 0)).isEqualTo(100 * MS);
        assertThat(s.arrival(0, 125, 10_000, 0)).isEqualTo(200 * MS);
        assertThat(s.arrival(50 * MS, 125, 10_000, 0)).isEqualTo(300 * MS);
        // An idle serializer starts at once.
        assertThat(s.arrival(1_000 * MS, 125, 10_000, 0)).isEqualTo(1_100 * MS);
    }

    @Test
    void lateTimersDoNotLowerTheRate() {
        PacketSchedule s = new PacketSchedule();
        long at = 0;
        for (int i = 0; i < 1_000; i++) {
            // The caller offers each packet late, after the previous one arrived plus a bit.
            long offered = i == 0 ? 0 : at - 5 * MS;
            at = s.arrival(offered, 1_250, 1_000_000, 0);
        }
        // 1,250,000 bytes at 1 Mbit/s: exactly 10 s.
        assertThat(at).isEqualTo(10_000 * MS);
    }

    @Test
    void delayIsAddedAfterTheSerializerAndNeverReorders() {
        PacketSchedule s = new PacketSchedule();
        assertThat(s.arrival(0, 125, 10_000, 300 * MS)).isEqualTo(400 * MS);
        // A shorter delay (jitter) for the next packet cannot make it arrive first.
        assertThat(s.arrival(0, 1, 0, 10 * MS)).isEqualTo(400 * MS);
        assertThat(s.arrival(0, 125, 10_000, 10 * MS)).isEqualTo(400 * MS);
        assertThat(s.arrival(0, 125, 10_000, 10 * MS)).isEqualTo(400 * MS);
    }

    @Test
    void controlPacketsSkipTheSerializerButKeepTheirPlace() {
        PacketSchedule s = new PacketSchedule();
        s.arrival(0, 1_250, 10_000, 0); // 1 s on the air
        assertThat(s.arrival(0, 0, 10_000, 50 * MS)).isEqualTo(1_000 * MS);
        PacketSchedule idle = new PacketSchedule();
        assertThat(idle.arrival(7, 0, 10_000, 50 * MS)).isEqualTo(7 + 50 * MS);
    }

    @Test
    void backlogIsWhatTheSerializerHasNotSentYet() {
        PacketSchedule s = new PacketSchedule();
        s.arrival(0, 2_500, 20_000, 500 * MS); // 1 s on the air
        assertThat(s.backlogBytes(0, 20_000)).isEqualTo(2_500);
        assertThat(s.backlogBytes(600 * MS, 20_000)).isEqualTo(1_000);
        assertThat(s.backlogBytes(2_000 * MS, 20_000)).isZero();
        assertThat(s.backlogFallsTo(500, 20_000)).isEqualTo(800 * MS);
        assertThat(new PacketSchedule().backlogBytes(0, 0)).isZero();
    }

    @Test
    void unlimitedRateTakesNoTime() {
        assertThat(PacketSchedule.transmitNanos(1_000_000, 0)).isZero();
        assertThat(PacketSchedule.transmitNanos(1, 8)).isEqualTo(1_000 * MS);
        assertThat(PacketSchedule.transmitNanos(3, 10_000)).isEqualTo(2_400_000);
    }
}
