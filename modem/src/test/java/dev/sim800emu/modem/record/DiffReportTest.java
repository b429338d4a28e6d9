package dev.sim800emu.modem.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffReportTest {
    private static final String REC = """
            #! sim800emu-record 1
            0.100 < \\r\\nRDY\\r\\n
            10.000 > AT+CSQ\\r
            10.100 < AT+CSQ\\r
            10.300 < \\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n
            15.000 lines dcd=0 ri=0 cts=1 dsr=1
            20.000 dtr 0
            30.000 > AT+CIPSTART="TCP","127.0.0.1","5000"\\r
            30.100 < AT+CIPSTART="TCP","127.0.0.1","5000"\\r\\r\\nOK\\r\\n
            31.000 < \\r\\nCONNECT OK\\r\\n
            """;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Exchange> exchanges() throws RecordingException {
        return Exchange.of(RecordingFormat.parse(REC));
    }

    private static List<byte[]> replies(String... replies) {
        return java.util.Arrays.stream(replies).map(DiffReportTest::b).toList();
    }

    @Test
    void theRecordingIsCutAtEveryHostAction() throws Exception {
        List<Exchange> x = exchanges();
        assertThat(x).hasSize(4);
        assertThat(x.get(0).action()).isNull();
        assertThat(x.get(0).expected()).isEqualTo(b("\r\nRDY\r\n"));
        assertThat(x.get(1).expected()).isEqualTo(b("AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n"));
        assertThat(x.get(2).action().kind()).isEqualTo(EventKind.DTR);
        assertThat(x.get(2).expected()).isEmpty();
        assertThat(x.get(3).replyEvents()).extracting(RecordedEvent::line).containsExactly(9, 10);
    }

    @Test
    void progressTellsAPartialReplyFromADifferentOne() throws Exception {
        Exchange x = exchanges().get(1);
        byte[] got = b("..AT+CSQ\r\r\n+CSQ: 2");
        assertThat(x.progress(got, 2, got.length)).isEqualTo(Exchange.Progress.PARTIAL);
        assertThat(x.progress(got, 1, got.length)).isEqualTo(Exchange.Progress.DIFFERENT);
        byte[] all = b("AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
        assertThat(x.progress(all, 0, all.length)).isEqualTo(Exchange.Progress.COMPLETE);
    }

    @Test
    void identicalRepliesMakeACleanReport() throws Exception {
        DiffReport r = DiffReport.compare(exchanges(), replies("\r\nRDY\r\n", "AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n", "",
                "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\r\r\nOK\r\n\r\nCONNECT OK\r\n"), Set.of(), List.of());
        assertThat(r.identical()).isTrue();
        assertThat(r.lines()).containsExactly("replay: 4 exchanges, all replies identical");
    }

    @Test
    void aChangedReplyIsReportedWithTheLineOfTheEventItStartsIn() throws Exception {
        DiffReport r = DiffReport.compare(exchanges(), replies("\r\nRDY\r\n", "AT+CSQ\r\r\n+CSQ: 99,0\r\n\r\nOK\r\n", "",
                "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\r\r\nOK\r\n\r\nCONNECT FAIL\r\n"), Set.of(), List.of());
        assertThat(r.lines()).containsExactly(
                "line 5: reply differs (after line 3 > AT+CSQ\\r)",
                "  expected: AT+CSQ\\r\\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n",
                "  actual:   AT+CSQ\\r\\r\\n+CSQ: 99,0\\r\\n\\r\\nOK\\r\\n",
                "line 10: reply differs (after line 8 > AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\\r)",
                "  expected: AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\\r\\r\\nOK\\r\\n\\r\\nCONNECT OK\\r\\n",
                "  actual:   AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\\r\\r\\nOK\\r\\n\\r\\nCONNECT FAIL\\r\\n",
                "replay: 4 exchanges, 2 different");
    }

    @Test
    void aReplyWhereTheRecordingHasNoneIsReportedAtTheAction() throws Exception {
        DiffReport r = DiffReport.compare(exchanges(), replies("\r\nRDY\r\n", "AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n",
                "\r\nNO CARRIER\r\n", "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\r\r\nOK\r\n\r\nCONNECT OK\r\n"),
                Set.of(), List.of());
        assertThat(r.differences()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(7));
    }

    @Test
    void normalisationsAreOptIn() throws Exception {
        byte[] a = b("+CIFSR: 10.1.2.3\r\n0, \"TCP\", \"1.2.3.4\", \"5000\", 864369032292265\r\n");
        byte[] c = b("+CIFSR: 10.9.9.9\r\n0, \"TCP\", \"1.2.3.4\", \"6001\", 864369032292299\r\n");
        assertThat(Normalisation.apply(Set.of(), a)).isEqualTo(a);
        assertThat(Normalisation.apply(EnumSet.of(Normalisation.IP), a)).isNotEqualTo(Normalisation.apply(
                EnumSet.of(Normalisation.IP), c));
        Set<Normalisation> all = Normalisation.parse("ip,port,imei");
        assertThat(new String(Normalisation.apply(all, a), StandardCharsets.ISO_8859_1))
                .isEqualTo("+CIFSR: <ip>\r\n0, \"TCP\", \"<ip>\", \"<port>\", <imei>\r\n");
        assertThat(Normalisation.apply(all, a)).isEqualTo(Normalisation.apply(all, c));
        assertThat(Normalisation.apply(Set.of(Normalisation.PORT), b("1.2.3.4:80 \"1.2.3.4\",\"81\"")))
                .isEqualTo(b("1.2.3.4:<port> \"1.2.3.4\",\"<port>\""));
        assertThat(Normalisation.apply(Set.of(Normalisation.CRLF), b("\r\nOK\r\n"))).isEqualTo(b("\nOK\n"));
    }

    @Test
    void theModemsLineChangesAreComparedPerExchangeWhenTheLinkReportsThem() throws Exception {
        List<byte[]> same = replies("\r\nRDY\r\n", "AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n", "",
                "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\r\r\nOK\r\n\r\nCONNECT OK\r\n");
        List<List<String>> lines = List.of(List.of(), List.of("dcd=0 ri=0 cts=1 dsr=1"), List.of(), List.of());
        assertThat(DiffReport.compare(exchanges(), same, lines, Set.of(), List.of()).identical()).isTrue();
        // without the link's lines, nothing is compared
        assertThat(DiffReport.compare(exchanges(), same, null, Set.of(), List.of()).identical()).isTrue();

        List<List<String>> none = List.of(List.of(), List.of(), List.of(), List.of("dcd=1 ri=0 cts=1 dsr=1"));
        DiffReport r = DiffReport.compare(exchanges(), same, none, Set.of(), List.of());
        assertThat(r.lines()).containsExactly(
                "line 6: modem lines differ (after line 3 > AT+CSQ\\r)",
                "  expected: dcd=0 ri=0 cts=1 dsr=1",
                "  actual:   (no change)",
                "line 8: modem lines differ (after line 8 > AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"5000\"\\r)",
                "  expected: (no change)",
                "  actual:   dcd=1 ri=0 cts=1 dsr=1",
                "replay: 4 exchanges, 2 different");
    }
}
