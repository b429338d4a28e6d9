package dev.sim800emu.modem.record.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.Recording;
import dev.sim800emu.modem.record.RecordingFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Each event as {@code > bytes} / {@code < bytes}, escaped. */
    private static String events(Recording r) {
        StringBuilder sb = new StringBuilder();
        for (RecordedEvent e : r.events()) {
            sb.append(RecordingFormat.line(e).replaceFirst("^\\S+ ", "")).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aRawScreenLogKeepsTheModemBytesAndRecoversTheCommandsFromTheEcho() {
        byte[] log = b("\r\nRDY\r\nAT\r\r\nOK\r\nat+csq\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n"
                + "AT+CIPSEND\r\r\n> hi\u001A\r\nSEND OK\r\n");
        Recording r = TerminalCapture.parse(log);
        assertThat(events(r)).isEqualTo("""
                < \\r\\nRDY\\r\\n
                > AT\\r
                < AT\\r\\r\\nOK\\r\\n
                > at+csq\\r
                < at+csq\\r\\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n
                > AT+CIPSEND\\r
                < AT+CIPSEND\\r\\r\\n>\\x20
                > hi\\x1A
                < hi\\x1A\\r\\nSEND OK\\r\\n
                """);
        assertThat(r.stream(dev.sim800emu.modem.record.EventKind.MODEM)).isEqualTo(log);
        assertThat(r.option("source")).isEqualTo("screen/minicom capture");
    }

    @Test
    void aCaptureWithoutCarriageReturnsGetsTheChipsFraming() {
        Recording r = TerminalCapture.parse(b("RDY\nAT+CIPSEND=3\n> abc\nSEND OK\n"));
        assertThat(events(r)).isEqualTo("""
                < RDY\\r\\n
                > AT+CIPSEND=3\\r
                < AT+CIPSEND=3\\r\\r\\n>\\x20
                > abc
                < abc\\r\\nSEND OK\\r\\n
                """.replace("< AT+CIPSEND=3\\r\\r\\n>", "< AT+CIPSEND=3\\r>"));
    }

    @Test
    void tinyGsmDebugOutputSplitsCommandsEchoesAndReplies() {
        String log = """
                [1012] ### TinyGSM Version: 0.11.7
                AT
                AT

                OK
                AT+CIPSEND=0,5
                >hello

                DATA ACCEPT:0,5
                AT+CSQ

                +CSQ: 21,0

                OK
                """;
        assertThat(events(TinyGsmLog.parse(log))).isEqualTo("""
                > AT\\r\\n
                < AT\\r\\r\\nOK\\r\\n
                > AT+CIPSEND=0,5\\r\\n
                < \\r\\n>\\x20
                > hello
                < \\r\\nDATA ACCEPT:0,5\\r\\n
                > AT+CSQ\\r\\n
                < \\r\\n+CSQ: 21,0\\r\\n\\r\\nOK\\r\\n
                """);
    }
}
