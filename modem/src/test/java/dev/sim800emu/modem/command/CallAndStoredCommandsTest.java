package dev.sim800emu.modem.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.radio.DialOutcome;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Outgoing calls as the control plane decides them, the call commands, and the stored-value commands. */
class CallAndStoredCommandsTest {
    private final ModemHarness h = new ModemHarness().quiet();

    private void ctl(ControlCommand c) {
        h.modem.control().apply(c);
    }

    @Test
    void dialAnswersOkThenConnectsAfterTheDefaultDelay() {
        assertThat(h.at("ATD+79991234567;")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CLCC")).isEqualTo("\r\n+CLCC: 1,0,3,0,0,\"+79991234567\",145,\"\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPAS")).isEqualTo("\r\n+CPAS: 4\r\n\r\nOK\r\n");
        h.clock.advance(2000);
        assertThat(h.take()).as("connected: nothing printed with MORING=0").isEmpty();
        assertThat(h.at("AT+CLCC")).isEqualTo("\r\n+CLCC: 1,0,0,0,0,\"+79991234567\",145,\"\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+VTS=5")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+VTS=\"1,2,{3,10}\"")).isEqualTo("\r\nOK\r\n");
        ctl(new ControlCommand.Hangup());
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
        assertThat(h.at("AT+CLCC")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMEE=1;+VTS=5")).isEqualTo("\r\n+CME ERROR: 3\r\n");
        h.verify();
    }

    @Test
    void outcomesComeFromTheControlPlane() {
        ctl(new ControlCommand.Dial(DialOutcome.Kind.BUSY, 500));
        assertThat(h.at("ATD123;")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(500);
        assertThat(h.take()).isEqualTo("\r\nBUSY\r\n");
        ctl(new ControlCommand.Dial(DialOutcome.Kind.NO_ANSWER, 0));
        h.at("ATD123;");
        assertThat(h.take()).isEqualTo("");
        h.clock.advance(0);
        assertThat(h.take()).isEqualTo("\r\nNO ANSWER\r\n");
        ctl(new ControlCommand.Dial(DialOutcome.Kind.ANSWER, 100));
        assertThat(h.at("AT+MORING=1;+CLCC=1;D+1555;")).isEqualTo(
                "\r\nOK\r\n\r\nMO RING\r\n\r\n+CLCC: 1,0,3,0,0,\"+1555\",145,\"\"\r\n");
        h.clock.advance(100);
        assertThat(h.take()).isEqualTo("\r\nMO CONNECTED\r\n\r\n+CLCC: 1,0,0,0,0,\"+1555\",145,\"\"\r\n");
        assertThat(h.at("ATH")).isEqualTo("\r\nOK\r\n\r\n+CLCC: 1,0,6,0,0,\"+1555\",145,\"\"\r\n");
        h.verify();
    }

    @Test
    void hostHangsUpWhileAlertingAndDataCallsAndNoService() {
        assertThat(h.at("ATD123;")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("ATH")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(10_000);
        assertThat(h.take()).as("a released call gets no late outcome").isEmpty();
        assertThat(h.at("ATD*99#")).isEqualTo("\r\nNO CARRIER\r\n");
        assertThat(h.at("ATD12x3;")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("ATDL;")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CLCC")).contains("\"123\",129");
        assertThat(h.at("AT+CHUP")).isEqualTo("\r\nOK\r\n");
        ctl(new ControlCommand.Register(Registration.NONE));
        h.take();
        assertThat(h.at("ATD123;")).isEqualTo("\r\nNO DIALTONE\r\n");
        h.verify();
    }

    @Test
    void incomingCallShowsInClccAndCpas() {
        ctl(new ControlCommand.Call("+4912345"));
        assertThat(h.take()).isEqualTo("\r\nRING\r\n");
        assertThat(h.at("AT+CLCC")).isEqualTo("\r\n+CLCC: 1,1,4,0,0,\"+4912345\",145,\"\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPAS")).isEqualTo("\r\n+CPAS: 3\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CRC=1")).isEqualTo("\r\nOK\r\n");
        h.clock.advance(3000);
        assertThat(h.take()).isEqualTo("\r\n+CRING: VOICE\r\n");
        assertThat(h.at("ATA")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CLCC")).isEqualTo("\r\n+CLCC: 1,1,0,0,0,\"+4912345\",145,\"\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CHLD=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CPAS")).isEqualTo("\r\n+CPAS: 0\r\n\r\nOK\r\n");
        h.verify();
    }

    @Test
    void statusShowsTheCallAndTheSentMessagesAndControlChecksRefuseBadValues() {
        h.at("AT+CMGF=1");
        h.send("AT+CMGS=\"+1555\"\rfirst\u001A");
        ctl(new ControlCommand.SmsFail(500, 1));
        h.send("AT+CMGS=\"+1555\"\rsecond\u001A");
        h.take();
        h.at("ATD+1666;");
        var status = h.modem.control().status();
        assertThat(status.call()).isEqualTo("DIALING");
        assertThat(status.callNumber()).isEqualTo("+1666");
        assertThat(status.sentSms()).extracting(s -> s.text() + "/" + s.mr() + "/" + s.error())
                .containsExactly("first/0/0", "second/-1/500");
        var json = dev.sim800emu.modem.control.json.StatusJson.write(status);
        assertThat(json.path("call").asText()).isEqualTo("DIALING");
        assertThat(json.path("sentSms").get(1).path("error").asInt()).isEqualTo(500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctl(new ControlCommand.SmsFail(9999, 0)))
                .hasMessageContaining("+CMS ERROR code");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctl(new ControlCommand.Dial(DialOutcome.Kind.BUSY, -1)))
                .hasMessageContaining("0-120000 ms");
        h.verify();
    }

    @Test
    void storedOnlyCommandsAnswerAsTheChip() {
        assertThat(h.at("AT+CVHU=0")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CVHU?")).isEqualTo("\r\n+CVHU: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CNETLIGHT?")).isEqualTo("\r\n+CNETLIGHT: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CNETLIGHT=0")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CNETLIGHT?")).isEqualTo("\r\n+CNETLIGHT: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CNETLIGHT=?")).isEqualTo("\r\n+CNETLIGHT: (0,1)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CLVL?")).isEqualTo("\r\n+CLVL: 50\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CLVL=80;+CLVL?")).isEqualTo("\r\n+CLVL: 80\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CLVL=101")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMIC=0,12")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMIC=12")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMIC?")).isEqualTo("\r\n+CMIC: (0,12),(1,11),(2,10),(3,11)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CFGRI?")).isEqualTo("\r\n+CFGRI: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSGS?")).isEqualTo("\r\n+CSGS: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CHFA=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+STTONE=1,1,100")).isEqualTo("\r\nOK\r\n\r\n+STTONE: 0\r\n");
        assertThat(h.at("AT+CLDTMF=3,\"5\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+GSMBUSY=1;+GSMBUSY?")).isEqualTo("\r\n+GSMBUSY: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSPN?")).isEqualTo("\r\n+CSPN: \"CHINA MOBILE\",0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CNUM")).isEqualTo("\r\nOK\r\n");
        // Ircama's one-line setup: one OK.
        assertThat(h.at("AT+IFC=0,0;+CLIP=1;+CMGF=1;+CLTS=1;+CSCLK=0;+CSCS=\"GSM\";+CMGHEX=1")).isEqualTo("\r\nOK\r\n");
        h.verify();
    }
}
