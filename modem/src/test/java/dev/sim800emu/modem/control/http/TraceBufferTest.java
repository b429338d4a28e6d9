package dev.sim800emu.modem.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live trace: runs by direction in line order, at most a cap a second, the rest counted. */
class TraceBufferTest {
    private final AtomicLong now = new AtomicLong();
    private final TraceBuffer trace = new TraceBuffer(now::get, 10);

    private boolean append(boolean host, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return trace.append(host, b, 0, b.length);
    }

    private static String text(TraceBuffer.Segment s) {
        return (s.fromHost() ? "h:" : "m:") + new String(s.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesOfOneDirectionJoinAndAChangeOfDirectionCuts() {
        append(true, "A");
        append(true, "T\r");
        append(false, "AT\r");
        append(false, "\r\nOK");
        TraceBuffer.Batch b = trace.take();
        assertThat(b.segments()).extracting(TraceBufferTest::text).containsExactly("h:AT\r", "m:AT\r\r\nOK");
        assertThat(b.dropped()).isZero();
        assertThat(trace.take().isEmpty()).isTrue();
    }

    @Test
    void overTheCapBytesAreCountedNotKeptUntilTheNextSecond() {
        assertThat(append(false, "0123456")).isTrue();
        assertThat(append(false, "789ABC")).isFalse();
        assertThat(append(true, "X")).isFalse();
        TraceBuffer.Batch b = trace.take();
        assertThat(b.segments()).extracting(TraceBufferTest::text).containsExactly("m:0123456789");
        assertThat(b.dropped()).isEqualTo(4);

        now.addAndGet(999_999_999L);
        assertThat(append(false, "D")).isFalse();
        now.addAndGet(1L);
        assertThat(append(false, "EF")).isTrue();
        b = trace.take();
        assertThat(b.segments()).extracting(TraceBufferTest::text).containsExactly("m:EF");
        assertThat(b.dropped()).isEqualTo(1);
    }

    @Test
    void bytesTheBrowserCouldNotTakeAreReportedWithTheNextBatch() {
        append(false, "lost");
        trace.lost(trace.take().segments().get(0).bytes().length);
        append(false, "ok");
        TraceBuffer.Batch b = trace.take();
        assertThat(b.dropped()).isEqualTo(4);
        assertThat(b.segments()).extracting(TraceBufferTest::text).containsExactly("m:ok");
    }
}
