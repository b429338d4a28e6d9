package dev.sim800emu.modem.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The serial meter reads a host's dialog: results end a command's latency, URCs count only between commands. */
class SerialMeterTest {
    private final FleetMetrics metrics = new FleetMetrics();
    private final SerialMeter meter = metrics.serialMeter();

    private void host(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        meter.fromHost(b, 0, b.length);
    }

    private void modem(String s) {
        meter.fromModem(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void commandsResultsAndUrcs() {
        modem("RDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
        host("AT+CREG?\r");
        modem("AT+CREG?\r\r\n+CREG: 0,1\r\n\r\nOK\r\n");   // echo, answer, result: no URC
        host("AT+FOO\r");
        modem("\r\nERROR\r\n");
        host("AT+CIPSEND=5\r");
        modem("\r\n> ");                                  // the prompt answers the command
        host("hello");
        modem("\r\nSEND OK\r\n");                         // no command pending: not a latency sample
        modem("\r\n2, CLOSED\r\n\r\n+PDP: DEACT\r\n");
        assertThat(metrics.commandLatency.count()).isEqualTo(3);
        assertThat(metrics.error("error").count()).isEqualTo(1);
        assertThat(metrics.urc("creg").count()).isZero();
        assertThat(metrics.urc("rdy").count()).isEqualTo(1);
        assertThat(metrics.urc("sms_ready").count()).isEqualTo(1);
        assertThat(metrics.urc("closed").count()).isEqualTo(1);
        assertThat(metrics.urc("pdp_deact").count()).isEqualTo(1);
        assertThat(metrics.hostBytes.count()).isEqualTo(9 + 7 + 13 + 5);
    }

    @Test
    void aPayloadEndedByCtrlZWaitsForSendOk() {
        host("AT+CIPSEND\r");
        modem("\r\n> ");
        host("data\u001a");
        modem("\r\nSEND FAIL\r\n");
        assertThat(metrics.commandLatency.count()).isEqualTo(2);
        assertThat(metrics.error("send_fail").count()).isEqualTo(1);
    }
}
