package dev.sim800emu.modem.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingFormatTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The example of docs/record-replay.md, byte for byte. */
    static final String EXAMPLE = """
            #! sim800emu-record 1
            #! model SIM800L
            #! firmware R14.18
            0.412 < \\r\\nRDY\\r\\n
            1.020 lines dcd=0 ri=0 cts=1 dsr=1
            250.113 > AT+CSQ\\r
            250.305 < AT+CSQ\\r\\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n
            900.000 dtr 0
            1200.500 > AT+CIPSEND=3\\r
            1200.700 < AT+CIPSEND=3\\r\\r\\n>\\x20
            1300.000 > \\x00\\xFF\\\\
            """;

    @Test
    void theDocumentedExampleReadsAsItSays() throws Exception {
        Recording r = RecordingFormat.parse(EXAMPLE);
        assertThat(r.options()).containsExactly(Map.entry("model", "SIM800L"), Map.entry("firmware", "R14.18"));
        assertThat(r.events()).extracting(RecordedEvent::kind).containsExactly(EventKind.MODEM, EventKind.LINES,
                EventKind.HOST, EventKind.MODEM, EventKind.DTR, EventKind.HOST, EventKind.MODEM, EventKind.HOST);
        assertThat(r.events().get(3).bytes()).isEqualTo(b("AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n"));
        assertThat(r.events().get(6).bytes()).isEqualTo(b("AT+CIPSEND=3\r\r\n> "));
        assertThat(r.events().get(7).bytes()).isEqualTo(new byte[] {0, (byte) 0xFF, '\\'});
        assertThat(r.events().get(2).micros()).isEqualTo(250_113);
        assertThat(r.events().get(2).line()).isEqualTo(6);
        assertThat(r.events().get(4).asserted()).isFalse();
        assertThat(r.stream(EventKind.HOST)).isEqualTo(b("AT+CSQ\rAT+CIPSEND=3\r\u0000\u00FF\\"));
        // and it is written back the same (the trailing space of the prompt as \x20)
        assertThat(RecordingFormat.write(r)).isEqualTo(EXAMPLE);
    }

    @Property(tries = 300)
    void anyBytesBothWaysSurviveWriteThenParse(@ForAll("sessions") List<RecordedEvent> events) throws Exception {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("model", "SIM808");
        Recording written = new Recording(header, events);
        Recording read = RecordingFormat.parse(RecordingFormat.write(written));
        assertThat(read.options()).isEqualTo(header);
        assertThat(read.events()).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(read.events().get(i).kind()).isEqualTo(events.get(i).kind());
            assertThat(read.events().get(i).micros()).isEqualTo(events.get(i).micros());
            assertThat(read.events().get(i).bytes()).isEqualTo(events.get(i).bytes());
        }
        assertThat(read.stream(EventKind.HOST)).isEqualTo(written.stream(EventKind.HOST));
        assertThat(read.stream(EventKind.MODEM)).isEqualTo(written.stream(EventKind.MODEM));
    }

    @Provide
    Arbitrary<List<RecordedEvent>> sessions() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
        Arbitrary<Boolean> host = Arbitraries.of(true, false);
        Arbitrary<Long> gap = Arbitraries.longs().between(0, 5_000_000);
        return Combinators.combine(host, bytes, gap).as(Step::new).list().ofMaxSize(30).map(steps -> {
            List<RecordedEvent> out = new ArrayList<>();
            long t = 0;
            for (Step s : steps) {
                t += s.gap();
                out.add(s.host() ? RecordedEvent.host(t, s.bytes()) : RecordedEvent.modem(t, s.bytes()));
            }
            return out;
        });
    }

    record Step(boolean host, byte[] bytes, long gap) {
    }

    @Test
    void controlLinesAndCommentsAndBlankLines() throws Exception {
        Recording r = RecordingFormat.parse("#! sim800emu-record 1\n# a note\n\n1 rts 1\n2.5 > A\n# #! late ignored\n");
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(0).kind()).isEqualTo(EventKind.RTS);
        assertThat(r.events().get(0).asserted()).isTrue();
        assertThat(r.events().get(1).micros()).isEqualTo(2500);
        assertThat(r.options()).isEmpty();
    }

    @Test
    void hostsComingAndGoingReadAndWriteBack() throws Exception {
        String text = """
                #! sim800emu-record 1
                0.000 connect tcp
                0.412 < \\r\\nRDY\\r\\n
                50.000 disconnect tcp power-off
                60.000 connect rfc2217
                70.000 disconnect rfc2217
                """;
        Recording r = RecordingFormat.parse(text);
        assertThat(r.events()).extracting(RecordedEvent::kind).containsExactly(EventKind.CONNECT, EventKind.MODEM,
                EventKind.DISCONNECT, EventKind.CONNECT, EventKind.DISCONNECT);
        assertThat(r.events().get(2).poweredOff()).isTrue();
        assertThat(r.events().get(4).poweredOff()).isFalse();
        assertThat(r.events().get(0).text()).isEqualTo("tcp");
        assertThat(r.startsWithoutHost()).isTrue();
        assertThat(RecordingFormat.write(r)).isEqualTo(text);
    }

    @Test
    void oneHostAtATimeDropsOverlappingHostsAndWhatNoHostHeard() throws Exception {
        Recording r = RecordingFormat.parse("""
                #! sim800emu-record 1
                0.100 < lost
                1.000 connect tcp
                1.100 < \\r\\nRDY\\r\\n
                2.000 connect rfc2217
                3.000 disconnect tcp
                3.100 > AT\\r
                4.000 disconnect rfc2217 power-off
                4.500 < nobody
                5.000 connect tcp
                """);
        assertThat(r.asOneHost()).extracting(RecordedEvent::line).containsExactly(3, 4, 7, 8, 10);
        Recording old = RecordingFormat.parse("#! sim800emu-record 1\n0.1 < RDY\n");
        assertThat(old.startsWithoutHost()).isFalse();
        assertThat(old.asOneHost()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sim800emu\\n1.0 > AT|line 1: not a sim800emu recording",
        "#! sim800emu-record 2\\n|line 1: format version '2' is not supported",
        "#! sim800emu-record 1\\n1.000 > AT\\r\\n2.0 < \\q|line 3: unknown escape \\q at column 7",
        "#! sim800emu-record 1\\n\\n5.0 > AT\\n4.999 < OK|line 4: time 4.999 is earlier than the line before",
        "#! sim800emu-record 1\\n1.0 >> AT|line 2: unknown kind '>>' (one of >, <, dtr, rts, lines, connect, disconnect)",
        "#! sim800emu-record 1\\n1.0 connect TCP|line 2: expected 'connect ENDPOINT'",
        "#! sim800emu-record 1\\n1.0 disconnect tcp off|line 2: expected 'disconnect ENDPOINT' or",
        "#! sim800emu-record 1\\n1.0 dtr 2|line 2: dtr takes 0 or 1, got '2'",
        "#! sim800emu-record 1\\n1.0 lines dcd=1|line 2: expected 'lines dcd=D ri=R cts=C dsr=S'",
        "#! sim800emu-record 1\\nabc > AT|line 2: bad time 'abc'",
        "#! sim800emu-record 1\\n1.0 >|line 2: expected 'TIME KIND DATA'",
        "#! sim800emu-record 1\\n1.0 > \\x4|line 2: \\x at column 7 needs two hex digits",
        "#! sim800emu-record 1\\n1.0 > é|line 2: character U+00E9 at column 7 must be escaped",
    })
    void aMalformedFileNamesTheLine(String text, String message) {
        String unescaped = text.replace("\\n", "\n");
        assertThatThrownBy(() -> RecordingFormat.parse(unescaped))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith(message);
    }
}
