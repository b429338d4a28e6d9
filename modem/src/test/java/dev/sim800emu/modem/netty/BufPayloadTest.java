package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.net.Payload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A socket's buffer as the engine sees it: reference counts on every path, slices without copies. */
class BufPayloadTest {

    private static ByteBuf buffer(String s) {
        ByteBuf b = Unpooled.directBuffer().writeBytes("??".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        b.skipBytes(2); // a reader index past zero, as after a decoder
        return b;
    }

    @Test
    void aBorrowedBufferIsReadInPlaceAndKeepsTheCallersReference() {
        ByteBuf buf = buffer("hello");
        BufPayload p = BufPayload.borrow(buf);
        assertThat(buf.refCnt()).isEqualTo(2);
        assertThat(p.length()).isEqualTo(5);
        assertThat((char) p.byteAt(1)).isEqualTo('e');
        byte[] dst = new byte[4];
        p.copyTo(1, dst, 1, 3);
        assertThat(new String(dst, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("ell");
        assertThat(buf.readerIndex()).as("looking does not consume").isEqualTo(2);
        p.dispose();
        assertThat(buf.refCnt()).isEqualTo(1);
        buf.release();
    }

    @Test
    void aSliceIsTheSameMemoryAndOutlivesTheCall() {
        ByteBuf buf = buffer("0123456789");
        BufPayload p = BufPayload.borrow(buf);
        ByteBuf slice = BufPayload.slice(p, 3, 4);
        p.dispose();
        buf.release();
        assertThat(slice.refCnt()).as("the slice holds the memory").isEqualTo(1);
        assertThat(slice.toString(StandardCharsets.US_ASCII)).isEqualTo("3456");
        assertThat(slice.memoryAddress()).isEqualTo(buf.memoryAddress() + 2 + 3);
        slice.release();
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void anArrayPayloadHasNoSlice() {
        assertThat(BufPayload.slice(Payload.of(new byte[4], 0, 4), 0, 4)).isNull();
    }

    @Test
    void outOfRangeAndUsedUpAreRefused() {
        ByteBuf buf = buffer("abc");
        BufPayload p = BufPayload.borrow(buf);
        assertThatThrownBy(() -> p.byteAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> BufPayload.slice(p, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(p.toArray()).containsExactly('a', 'b', 'c');
        assertThatThrownBy(() -> p.byteAt(0)).isInstanceOf(IllegalStateException.class);
        assertThat(BufPayload.slice(p, 0, 1)).as("used up: no slice").isNull();
        p.dispose();
        assertThat(buf.refCnt()).isEqualTo(1);
        buf.release();
    }
}
