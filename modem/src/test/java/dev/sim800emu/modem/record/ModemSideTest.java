package dev.sim800emu.modem.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ModemSideTest {
    private static final String REC = """
            #! sim800emu-record 1
            0.100 < \\r\\nRDY\\r\\n
            10.000 > AT\\r
            10.200 < AT\\r\\r\\nOK\\r\\n
            20.000 dtr 0
            30.000 > AT+CSQ\\r
            30.100 < AT+CSQ\\r
            30.300 < \\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n
            """;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void sendAll(List<ModemSide.Send> sends, ByteArrayOutputStream out) {
        sends.forEach(s -> out.writeBytes(s.bytes()));
    }

    @Property(tries = 100)
    void theHostMayChunkItsBytesAnyWayAndGetsTheModemSideByteForByte(@ForAll @IntRange(min = 1, max = 12) int chunk)
            throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(REC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sendAll(side.start(), out);
        assertThat(out.toByteArray()).isEqualTo(b("\r\nRDY\r\n"));
        byte[] host = b("AT\rAT+CSQ\r");
        for (int i = 0; i < host.length; i += chunk) {
            sendAll(side.fromHost(host, i, Math.min(chunk, host.length - i)), out);
        }
        assertThat(side.divergence()).isNull();
        assertThat(side.finished()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(RecordingFormat.parse(REC).stream(EventKind.MODEM));
    }

    @Test
    void aReplyWaitsForTheWholeCommandAndCarriesItsRecordedDelay() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(REC));
        side.start();
        assertThat(side.fromHost(b("A"), 0, 1)).isEmpty();
        List<ModemSide.Send> sends = side.fromHost(b("T\r"), 0, 2);
        assertThat(sends).singleElement().satisfies(s -> {
            assertThat(s.delayMicros()).isEqualTo(200);
            assertThat(s.line()).isEqualTo(4);
        });
        assertThat(side.waitingFor()).isEqualTo("line 6: 'AT+CSQ\\r' from the host");
    }

    @Test
    void otherBytesFromTheHostAreADivergenceNamingTheLine() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(REC));
        side.start();
        side.fromHost(b("AT\r"), 0, 3);
        assertThat(side.fromHost(b("AT+CREG?\r"), 0, 9)).isEmpty();
        assertThat(side.divergence()).isEqualTo("line 6: the host sent 'AT+CREG?\\r' where the recording has 'AT+CSQ\\r'");
        assertThat(side.finished()).isFalse();
    }

    @Test
    void bytesAfterTheEndAreADivergenceToo() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(REC));
        side.start();
        side.fromHost(b("AT\rAT+CSQ\rATI\r"), 0, 14);
        assertThat(side.divergence()).isEqualTo("the host sent 'ATI\\r' after the recording's end");
    }

    private static final String SESSIONS = """
            #! sim800emu-record 1
            0.000 connect tcp
            0.100 < \\r\\nRDY\\r\\n
            10.000 > AT\\r
            10.200 < AT\\r\\r\\nOK\\r\\n
            20.000 disconnect tcp power-off
            30.000 connect tcp
            30.100 < \\r\\nRDY\\r\\n
            40.000 > AT+CSQ\\r
            40.100 < AT+CSQ\\r\\r\\n+CSQ: 20,0\\r\\n\\r\\nOK\\r\\n
            50.000 disconnect tcp power-off
            """;

    @Test
    void aRecordingOfTwoSessionsWaitsForTheHostToLeaveAndComeBack() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(SESSIONS));
        assertThat(side.start()).extracting(s -> s.line()).containsExactly(3);
        assertThat(side.fromHost(b("AT\r"), 0, 3)).extracting(s -> s.line()).containsExactly(5);
        assertThat(side.waitingFor()).isEqualTo("line 6: the host to leave");
        assertThat(side.hostLeft()).isTrue();
        assertThat(side.finished()).isFalse();
        assertThat(side.waitingFor()).isEqualTo("line 7: a host to come");
        List<ModemSide.Send> boot = side.hostCame();
        assertThat(boot).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(8);
            assertThat(s.delayMicros()).isEqualTo(100);
        });
        assertThat(side.fromHost(b("AT+CSQ\r"), 0, 7)).extracting(s -> s.line()).containsExactly(10);
        assertThat(side.hostLeft()).isTrue();
        assertThat(side.finished()).isTrue();
        assertThat(side.divergence()).isNull();
    }

    @Test
    void aHostThatStaysWhereTheRecordingHasItLeaveIsTold() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(SESSIONS));
        side.start();
        side.fromHost(b("AT\r"), 0, 3);
        assertThat(side.fromHost(b("AT+CSQ\r"), 0, 7)).isEmpty();
        assertThat(side.divergence()).isEqualTo(
                "line 6: the host sent 'AT+CSQ\\r' where the recording has it leave (disconnect tcp power-off)");
        ModemSide early = new ModemSide(RecordingFormat.parse(SESSIONS));
        early.start();
        assertThat(early.hostLeft()).isFalse();
    }

    @Test
    void withoutSessionsTheHostsComingAndGoingArePassedOver() throws Exception {
        ModemSide side = new ModemSide(RecordingFormat.parse(SESSIONS), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sendAll(side.start(), out);
        sendAll(side.fromHost(b("AT\rAT+CSQ\r"), 0, 10), out);
        assertThat(side.finished()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(RecordingFormat.parse(SESSIONS).stream(EventKind.MODEM));
    }
}
