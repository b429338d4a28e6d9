package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.TelnetCodec.COM_PORT_OPTION;
import static dev.sim800emu.modem.serial.TelnetCodec.DO;
import static dev.sim800emu.modem.serial.TelnetCodec.DONT;
import static dev.sim800emu.modem.serial.TelnetCodec.IAC;
import static dev.sim800emu.modem.serial.TelnetCodec.NOP;
import static dev.sim800emu.modem.serial.TelnetCodec.SB;
import static dev.sim800emu.modem.serial.TelnetCodec.SE;
import static dev.sim800emu.modem.serial.TelnetCodec.WILL;
import static dev.sim800emu.modem.serial.TelnetCodec.WONT;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Telnet codec byte by byte: every stream is parsed whole, one byte per feed and in random
 * pieces, and must give the same events each time, since TCP may split a command anywhere.
 */
class TelnetCodecTest {

    @Test
    void dataPassesThroughWithDoubledIacUnescaped() {
        byte[] stream = bytes("AT", 0xFF, 0xFF, "\r", 0x00, 0x80, 0xFE);

        assertThat(parseAllWays(stream)).containsExactly("data 4154ff0d0080fe");
    }

    @Test
    void negotiationSplitsTheDataAroundIt() {
        byte[] stream = bytes("ab", IAC, WILL, COM_PORT_OPTION, IAC, DO, 0, "c", IAC, WONT, 3, IAC, DONT, 1);

        assertThat(parseAllWays(stream)).containsExactly(
                "data 6162", "WILL 44", "DO 0", "data 63", "WONT 3", "DONT 1");
    }

    @Test
    void subnegotiationKeepsAnEscapedIacInItsPayload() {
        // SET-BAUDRATE 115455 = 00 01 c2 ff: the ff is doubled on the wire.
        byte[] stream = bytes("x", IAC, SB, COM_PORT_OPTION, 1, 0x00, 0x01, 0xC2, IAC, IAC, IAC, SE, "y");

        assertThat(parseAllWays(stream)).containsExactly("data 78", "SB 44 010001c2ff", "data 79");
    }

    @Test
    void otherCommandsAreReportedAndGarbageAfterIacIsHarmless() {
        byte[] stream = bytes(IAC, NOP, IAC, 0x20, IAC, SE, "ok", IAC, SB, IAC, SE, IAC, 0xF4);

        // A stray SE and an empty subnegotiation are not errors; 0x20 is no command at all.
        assertThat(parseAllWays(stream)).containsExactly("cmd 241", "cmd 32", "cmd 240", "data 6f6b", "cmd 244");
    }

    @Test
    void aSubnegotiationBrokenByAnotherCommandIsAbandoned() {
        // The sender lost its IAC SE: IAC WILL inside SB ends the SB, the WILL still counts.
        byte[] stream = bytes(IAC, SB, COM_PORT_OPTION, 5, IAC, WILL, 3, "AT", IAC, SB, 24, 0, "vt100", IAC, SE);

        assertThat(parseAllWays(stream)).containsExactly("WILL 3", "data 4154", "SB 24 007674313030");
    }

    @Test
    void anOversizedSubnegotiationIsDroppedAndParsingGoesOn() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(bytes(IAC, SB, 24));
        for (int i = 0; i < TelnetParser.SB_LIMIT * 2; i++) {
            s.write('z');
        }
        s.writeBytes(bytes(IAC, SE, "AT", IAC, DO, 0));

        assertThat(parseAllWays(s.toByteArray())).containsExactly("data 4154", "DO 0");
    }

    @Test
    void aStreamEndingInsideACommandResumesOnTheNextFeed() {
        List<String> events = new ArrayList<>();
        TelnetParser p = new TelnetParser(recorder(events));

        p.feed(bytes("A", IAC));
        assertThat(p.idle()).isFalse();
        p.feed(bytes(IAC, "B", IAC, SB, COM_PORT_OPTION, 7));
        p.feed(bytes(IAC));
        p.feed(bytes(SE));

        assertThat(p.idle()).isTrue();
        assertThat(events).containsExactly("data 41ff42", "SB 44 07");
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(2217);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[r.nextInt(200)];
            r.nextBytes(junk);
            // Favour the interesting codes so that the states are all visited.
            for (int i = 0; i < junk.length; i += 3) {
                junk[i] = (byte) (0xF0 + r.nextInt(16));
            }
            parseAllWays(junk);
        }
    }

    @Test
    void encoderDoublesIacInDataAndInSubnegotiationPayloads() {
        byte[] plain = bytes("AT\r");
        assertThat(TelnetCodec.escape(plain)).isSameAs(plain);
        assertThat(TelnetCodec.escape(bytes(0xFF, "a", 0xFF))).isEqualTo(bytes(0xFF, 0xFF, "a", 0xFF, 0xFF));

        assertThat(TelnetCodec.negotiation(WILL, COM_PORT_OPTION)).isEqualTo(bytes(IAC, WILL, 44));
        assertThat(TelnetCodec.subnegotiation(COM_PORT_OPTION, (byte) 101, (byte) 0, (byte) 1, (byte) 0xC2, (byte) 0xFF))
                .isEqualTo(bytes(IAC, SB, 44, 101, 0, 1, 0xC2, IAC, IAC, IAC, SE));
    }

    @Test
    void whatTheEncoderWritesTheParserReadsBack() {
        Random r = new Random(44);
        byte[] data = new byte[300];
        r.nextBytes(data);
        byte[] payload = {11, (byte) 0xFF, (byte) 0xF0, (byte) 0xFA};
        byte[] stream = bytes(TelnetCodec.escape(data), TelnetCodec.subnegotiation(COM_PORT_OPTION, payload));

        List<String> events = parseAllWays(stream);

        assertThat(events).containsExactly("data " + HexFormat.of().formatHex(data), "SB 44 0bfff0fa");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Parses the stream whole, one byte at a time and in random pieces, checks that all three give
     * the same events and returns them, with adjacent data events merged (how data is split
     * between callbacks depends on the feeding and is not part of the contract).
     */
    private static List<String> parseAllWays(byte[] stream) {
        List<String> whole = parse(stream, new int[] {stream.length});
        int[] ones = new int[stream.length];
        Arrays.fill(ones, 1);
        List<String> byteByByte = parse(stream, ones);
        Random r = new Random(stream.length);
        List<Integer> cuts = new ArrayList<>();
        for (int left = stream.length; left > 0; ) {
            int n = Math.min(left, 1 + r.nextInt(5));
            cuts.add(n);
            left -= n;
        }
        List<String> pieces = parse(stream, cuts.stream().mapToInt(Integer::intValue).toArray());

        assertThat(byteByByte).as("byte by byte").isEqualTo(whole);
        assertThat(pieces).as("in pieces").isEqualTo(whole);
        return whole;
    }

    private static List<String> parse(byte[] stream, int[] pieces) {
        List<String> events = new ArrayList<>();
        TelnetParser p = new TelnetParser(recorder(events));
        int at = 0;
        for (int n : pieces) {
            p.feed(stream, at, n);
            at += n;
        }
        return events;
    }

    private static TelnetParser.Handler recorder(List<String> events) {
        return new TelnetParser.Handler() {
            @Override
            public void data(byte[] bytes, int off, int len) {
                String hex = HexFormat.of().formatHex(bytes, off, off + len);
                int last = events.size() - 1;
                if (last >= 0 && events.get(last).startsWith("data ")) {
                    events.set(last, events.get(last) + hex);
                } else {
                    events.add("data " + hex);
                }
            }

            @Override
            public void negotiation(int verb, int option) {
                events.add(TelnetCodec.verbName(verb) + " " + option);
            }

            @Override
            public void subnegotiation(int option, byte[] payload) {
                events.add("SB " + option + " " + HexFormat.of().formatHex(payload));
            }

            @Override
            public void command(int code) {
                events.add("cmd " + code);
            }
        };
    }

    /** Bytes from ints (0–255), strings (ISO-8859-1) and byte arrays, in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else if (p instanceof String s) {
                out.writeBytes(s.getBytes(ISO_8859_1));
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }
}
