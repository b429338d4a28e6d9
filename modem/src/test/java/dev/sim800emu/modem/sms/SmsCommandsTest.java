package dev.sim800emu.modem.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.radio.SentMessages;
import dev.sim800emu.modem.testing.ModemHarness;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The SMS commands byte for byte: settings, send, write, read, list, delete, indications. */
class SmsCommandsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2022-12-02T07:21:07Z"), ZoneOffset.ofHours(3));
    private final ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0).wallClock(CLOCK).build()).quiet();

    private void sms(String from, String text) {
        h.modem.control().apply(new ControlCommand.Sms(from, text));
    }

    @Test
    void settingsHaveTheChipsDefaultsAndForms() {
        assertThat(h.at("AT+CMGF?")).isEqualTo("\r\n+CMGF: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGF=?")).isEqualTo("\r\n+CMGF: (0,1)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSCS?")).isEqualTo("\r\n+CSCS: \"IRA\"\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSCS=?")).isEqualTo("\r\n+CSCS: (\"IRA\",\"GSM\",\"UCS2\",\"HEX\",\"PCCP\",\"PCDN\",\"8859-1\")\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMEE=2;+CSCS=\"TEST\"")).isEqualTo("\r\n+CME ERROR: Invalid input value\r\n");
        assertThat(h.at("AT+CMEE=0;+CNMI?")).isEqualTo("\r\n+CNMI: 2,1,0,0,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CNMI=?")).isEqualTo("\r\n+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSMP?")).isEqualTo("\r\n+CSMP: 17,167,0,0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPMS?")).isEqualTo("\r\n+CPMS: \"SM\",0,30,\"SM\",0,30,\"SM\",0,30\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPMS=\"SM\",\"SM\",\"SM\"")).isEqualTo("\r\n+CPMS: 0,30,0,30,0,30\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPMS=\"ME\",\"ME\",\"ME\"")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMEE=1;+CPMS=\"ME\",\"MT\"")).isEqualTo("\r\n+CPMS: 0,50,0,80,0,30\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CPMS=\"XX\"")).isEqualTo("\r\n+CMS ERROR: 302\r\n");
        assertThat(h.at("AT+CPMS=?")).isEqualTo("\r\n+CPMS: (\"SM\",\"ME\",\"SM_P\",\"ME_P\",\"MT\"),(\"SM\",\"ME\",\"SM_P\",\"ME_P\",\"MT\"),"
                + "(\"SM\",\"ME\",\"SM_P\",\"ME_P\",\"MT\")\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSCA?")).isEqualTo("\r\n+CSCA: \"+8613800100500\",145\r\n\r\nOK\r\n");
        h.verify();
    }

    @Test
    void textSendPromptsAndAnswersWithTheMessageReference() {
        h.at("AT+CMGF=1");
        assertThat(h.at("AT+CMGS=\"+8613918186089\"")).isEqualTo("\r\n> ");
        h.send("This is a test\u001A");
        assertThat(h.take()).isEqualTo("\r\n+CMGS: 0\r\n\r\nOK\r\n");
        // Typed ahead of the prompt, in one write (python-sim800, gsmHat).
        h.send("AT+CMGS=\"+999\",145\rsecond\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMGS: 1\r\n\r\nOK\r\n");
        // ESC cancels: OK, nothing sent.
        h.send("AT+CMGS=\"+999\"\rnot this\u001B");
        assertThat(h.take()).isEqualTo("\r\n> \r\nOK\r\n");
        assertThat(h.modem.radio().sent().all()).extracting(SentMessages.Sent::text).containsExactly("This is a test", "second");
        assertThat(h.modem.radio().sent().all().get(0).to()).isEqualTo("+8613918186089");
        h.verify();
    }

    @Test
    void crInsideATextBodyAnswersANewPromptAndIsALineBreak() {
        h.at("AT+CMGF=1");
        h.send("AT+CMGS=\"123\"\rline one\r\nline two\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n");
        assertThat(h.modem.radio().sent().all().get(0).text()).isEqualTo("line one\nline two");
        h.verify();
    }

    @Test
    void echoOnEchoesTheBody() {
        h.at("ATE1");
        h.take();
        h.send("AT+CMGF=1\r");
        assertThat(h.take()).isEqualTo("AT+CMGF=1\r\r\nOK\r\n");
        h.send("AT+CMGS=\"123\"\r");
        assertThat(h.take()).isEqualTo("AT+CMGS=\"123\"\r\r\n> ");
        h.send("hi\u001A");
        assertThat(h.take()).isEqualTo("hi\r\n+CMGS: 0\r\n\r\nOK\r\n");
        h.verify();
    }

    @Test
    void pduSendDecodesTheSubmit() {
        assertThat(h.at("AT+CMGS=\"+123\"")).isEqualTo("\r\nERROR\r\n");
        h.at("AT+CMEE=1");
        assertThat(h.at("AT+CMGS=\"+123\"")).isEqualTo("\r\n+CMS ERROR: 325\r\n");
        h.send("AT+CMGS=24\r001100039199F90000FF10D4F29C0E9A36A7A076793E0F9FCB\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n");
        SentMessages.Sent s = h.modem.radio().sent().all().get(0);
        assertThat(s.to()).isEqualTo("+999");
        assertThat(s.text()).isEqualTo("Test SMS message");
        h.send("AT+CMGS=23\r001100039199F90000FF10D4F29C0E9A36A7A076793E0F9FCB\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMS ERROR: 304\r\n");
        h.verify();
    }

    @Test
    void controlledFailuresAndNoNetwork() {
        h.at("AT+CMGF=1;+CMEE=1");
        h.modem.control().apply(new ControlCommand.SmsFail(500, 1));
        h.send("AT+CMGS=\"123\"\rx\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMS ERROR: 500\r\n");
        h.send("AT+CMGS=\"123\"\rx\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n");
        h.at("AT+CMEE=2");
        h.modem.control().apply(new ControlCommand.SmsFail(330, 0));
        h.send("AT+CMGS=\"123\"\rx\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMS ERROR: SMSC address unknown\r\n");
        h.verify();
    }

    @Test
    void incomingTextMessagesAreReadListedMarkedAndDeleted() {
        h.at("AT+CMGF=1");
        sms("+79991111111", "Hi7");
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",1\r\n");
        sms("+79991111111", "Hi8");
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",2\r\n");
        assertThat(h.at("AT+CMGL=\"REC UNREAD\",1")).isEqualTo(
                "\r\n+CMGL: 1,\"REC UNREAD\",\"+79991111111\",\"\",\"22/12/02,07:21:07+00\"\r\nHi7\r\n"
                + "\r\n+CMGL: 2,\"REC UNREAD\",\"+79991111111\",\"\",\"22/12/02,07:21:07+00\"\r\nHi8\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGR=1")).isEqualTo(
                "\r\n+CMGR: \"REC UNREAD\",\"+79991111111\",\"\",\"22/12/02,07:21:07+00\"\r\nHi7\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSDH=1;+CMGR=1")).isEqualTo(
                "\r\n+CMGR: \"REC READ\",\"+79991111111\",\"\",\"22/12/02,07:21:07+00\",145,4,0,0,\"+8613800100500\",145,3\r\nHi7\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CSDH=0;+CMGL")).isEqualTo(
                "\r\n+CMGL: 2,\"REC UNREAD\",\"+79991111111\",\"\",\"22/12/02,07:21:07+00\"\r\nHi8\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=\"REC UNREAD\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=ALL")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CPMS?")).isEqualTo("\r\n+CPMS: \"SM\",2,30,\"SM\",2,30,\"SM\",2,30\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGD=001")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMGR=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMGR=50")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMGD=1,4")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=\"ALL\"")).isEqualTo("\r\nOK\r\n");
        h.verify();
    }

    @Test
    void directDeliveryAndPduMode() {
        h.at("AT+CMGF=1;+CNMI=2,2,0,0,0");
        sms("+15551234567", "hello");
        assertThat(h.take()).isEqualTo("\r\n+CMT: \"+15551234567\",\"\",\"22/12/02,07:21:07+00\"\r\nhello\r\n");
        assertThat(h.modem.radio().messages().used()).isZero();
        h.at("AT+CMGF=0;+CNMI=2,1");
        sms("+15551234567", "hello");
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",1\r\n");
        assertThat(h.at("AT+CMGR=1")).isEqualTo("\r\n+CMGR: 0,\"\",24\r\n"
                + "0891683108100005F0040B915155214365F700002221207012700005E8329BFD06\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=4")).isEqualTo("\r\n+CMGL: 1,1,\"\",24\r\n"
                + "0891683108100005F0040B915155214365F700002221207012700005E8329BFD06\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=\"ALL\"")).isEqualTo("\r\nERROR\r\n");
        h.verify();
    }

    @Test
    void writeThenSendFromStorage() {
        h.at("AT+CMGF=1;+CMEE=1");
        h.send("AT+CMGW=\"+10011\"\rstored\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMGW: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGR=1")).isEqualTo("\r\n+CMGR: \"STO UNSENT\",\"+10011\",\"\"\r\nstored\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMSS=1")).isEqualTo("\r\n+CMSS: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMGL=\"STO SENT\"")).isEqualTo("\r\n+CMGL: 1,\"STO SENT\",\"+10011\",\"\"\r\nstored\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMSS=1,\"+2002\"")).isEqualTo("\r\n+CMSS: 1\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CMSS=7")).isEqualTo("\r\n+CMS ERROR: 321\r\n");
        assertThat(h.modem.radio().sent().all()).extracting(SentMessages.Sent::to).containsExactly("+10011", "+2002");
        h.verify();
    }

    @Test
    void ucs2CharacterSet() {
        h.at("AT+CMGF=1;+CSCS=\"UCS2\"");
        h.send("AT+CMGS=\"002B0031\"\r004100620063\u001A");
        assertThat(h.take()).isEqualTo("\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n");
        SentMessages.Sent s = h.modem.radio().sent().all().get(0);
        assertThat(s.to()).isEqualTo("+1");
        assertThat(s.text()).isEqualTo("Abc");
        h.verify();
    }
}
