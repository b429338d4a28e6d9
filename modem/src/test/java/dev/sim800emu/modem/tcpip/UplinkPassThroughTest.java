package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.Payload;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The transparent uplink takes a host's read as the endpoint's buffer ({@link Payload}): the packets
 * a read completes leave in one send made of the bytes kept from earlier reads and the start of the
 * buffer as it is ({@code NetLink.send(head, headLen, data, off, len)}); only the remainder short of
 * a packet is copied, and leaves after WaitTm as before. Packets and timing are those of the array
 * path; a read that may begin the +++ escape takes the byte-by-byte path.
 */
class UplinkPassThroughTest {
    private final ModemHarness h = new ModemHarness().quiet();

    /** SendSz 10, WaitTm 2 (200 ms), escape on. */
    private FakeLink connect() {
        assertThat(h.at("AT+CIPCCFG=5,2,10,1,0,1460,50")).isEqualTo("\r\nOK\r\n");
        return h.transparentLink();
    }

    private void type(String s) {
        h.modem.onSerialInput(Payload.of(ascii(s), 0, s.length()));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> packets(FakeLink l) {
        return l.datagrams.stream().map(d -> new String(d, StandardCharsets.ISO_8859_1)).collect(Collectors.toList());
    }

    @Test
    void keptBytesAndTheBufferLeaveInOneSendAndTheRestWaitsForWaitTm() {
        FakeLink l = connect();
        type("abcd"); // short of a packet: kept
        assertThat(l.datagrams).isEmpty();
        type("efghijklmnopqrstuvw"); // 4 kept + 19 → two packets (20 bytes), 3 kept
        assertThat(l.joinedSends).hasSize(1);
        assertThat(l.joinedSends.get(0)).containsExactly(4, 0, 16);
        assertThat(packets(l)).containsExactly("abcdefghijklmnopqrst");
        h.clock.advance(199);
        assertThat(packets(l)).hasSize(1);
        h.clock.advance(1);
        assertThat(packets(l)).containsExactly("abcdefghijklmnopqrst", "uvw");
        assertThat(h.take()).as("nothing echoed in data mode").isEmpty();
    }

    @Test
    void aReadOfWholePacketsLeavesWithNothingKept() {
        FakeLink l = connect();
        type("0123456789".repeat(3));
        assertThat(l.joinedSends).hasSize(1);
        assertThat(l.joinedSends.get(0)).containsExactly(0, 0, 30);
        h.clock.advance(1000);
        assertThat(packets(l)).containsExactly("0123456789".repeat(3));
    }

    @Test
    void theSameBytesAsArraysGiveTheSameStream() {
        FakeLink l = connect();
        h.send("abcd");
        h.send("efghijklmnopqrstuvw");
        h.clock.advance(200);
        assertThat(String.join("", packets(l))).isEqualTo("abcdefghijklmnopqrstuvw");
    }

    @Test
    void aReadThatMayBeginTheEscapeIsLookedAtByteByByte() {
        FakeLink l = connect();
        h.clock.advance(1000); // guard time of silence
        type("+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        assertThat(l.joinedSends).isEmpty();
        assertThat(l.datagrams).isEmpty();
        h.send("ATO\r");
        assertThat(h.take()).endsWith("\r\nCONNECT\r\n");
        h.clock.advance(1000);
        type("+xyz0123456789"); // a '+' after the guard time, then other bytes: all payload
        assertThat(l.joinedSends).isEmpty();
        h.clock.advance(200);
        assertThat(String.join("", packets(l))).isEqualTo("+xyz0123456789");
    }

    @Test
    void inCommandModeAPayloadIsTypedAsUsual() {
        h.modem.onSerialInput(Payload.of(ascii("xxAT\r"), 2, 3));
        assertThat(h.take()).as("echo off: the result only").isEqualTo("\r\nOK\r\n");
    }
}
