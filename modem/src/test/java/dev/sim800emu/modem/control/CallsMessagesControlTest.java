package dev.sim800emu.modem.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.radio.MessageStore;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Incoming calls, SMS and USSD answers from the control plane, byte for byte. */
class CallsMessagesControlTest {
    private final ModemHarness h = new ModemHarness().quiet();
    private LineState lines = LineState.OFF;

    CallsMessagesControlTest() {
        h.modem.attachLines(new ModemLines() {
            @Override
            public void onLines(LineState state) {
                lines = state;
            }

            @Override
            public void onInputReady(boolean ready) {
            }
        });
    }

    private void ctl(ControlCommand c) {
        h.modem.control().apply(c);
    }

    @Test
    void callRingsEveryThreeSecondsWithClipUntilAnswered() {
        assertThat(h.at("AT+CLIP=1")).isEqualTo("\r\nOK\r\n");
        ctl(new ControlCommand.Call("+79161234567"));
        String ring = "\r\nRING\r\n\r\n+CLIP: \"+79161234567\",145,\"\",0,\"\",0\r\n";
        assertThat(h.take()).isEqualTo(ring);
        assertThat(lines.ri()).isTrue();
        h.clock.advance(2999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo(ring);
        assertThat(h.at("ATA")).isEqualTo("\r\nOK\r\n");
        assertThat(lines.ri()).isFalse();
        h.clock.advance(10_000);
        assertThat(h.take()).as("an answered call does not ring").isEmpty();
        ctl(new ControlCommand.Hangup());
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Hangup())).hasMessage("no call in progress");
    }

    @Test
    void nationalNumberAndClipOff() {
        ctl(new ControlCommand.Call("7121157686"));
        assertThat(h.take()).isEqualTo("\r\nRING\r\n");
        assertThat(h.at("AT+CLIP?")).isEqualTo("\r\n+CLIP: 0,1\r\n\r\nOK\r\n");
        h.at("AT+CLIP=1");
        h.clock.advance(3000);
        assertThat(h.take()).isEqualTo("\r\nRING\r\n\r\n+CLIP: \"7121157686\",129,\"\",0,\"\",0\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Call("+1"))).hasMessage("a call is already in progress");
        assertThat(h.at("ATH")).as("reject").isEqualTo("\r\nOK\r\n");
        assertThat(lines.ri()).isFalse();
        h.clock.advance(3000);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void callerHangsUpWhileRinging() {
        ctl(new ControlCommand.Call("+4915112345678"));
        assertThat(h.take()).isEqualTo("\r\nRING\r\n");
        ctl(new ControlCommand.Hangup());
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
        assertThat(lines.ri()).isFalse();
        assertThat(h.at("ATA")).as("nothing to answer").isEqualTo("\r\nNO CARRIER\r\n");
        assertThat(h.at("ATV0;A")).as("a final result code, numeric under ATV0").isEqualTo("3\r");
    }

    @Test
    void ringWaitsForTheHostToLeaveDataModeAndIsNotRepeatedThere() {
        h.at("AT+CIPMODE=1");
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        h.net.last().connect();
        assertThat(h.take()).isEqualTo("\r\nCONNECT\r\n");
        ctl(new ControlCommand.Call("+1555"));
        h.clock.advance(9000);
        assertThat(h.take()).isEmpty();
        assertThat(lines.ri()).isTrue();
        h.send("+++");
        h.clock.advance(1000);
        assertThat(h.take()).isEqualTo("\r\nOK\r\n\r\nRING\r\n");
        h.clock.advance(2000);
        assertThat(h.take()).as("back in command mode: the cadence goes on").isEqualTo("\r\nRING\r\n");
        ctl(new ControlCommand.Hangup());
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
    }

    @Test
    void losingRegistrationEndsTheCall() {
        ctl(new ControlCommand.Call("+1555"));
        h.take();
        h.at("ATA");
        ctl(new ControlCommand.Register(Registration.SEARCHING));
        assertThat(h.take()).isEqualTo("\r\nNO CARRIER\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Call("+1555")))
                .hasMessage("the modem is not registered on the network: it cannot receive a call");
    }

    @Test
    void smsIsStoredAndAnnounced() {
        ctl(new ControlCommand.Sms("+8613918186089", "This is a test"));
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",1\r\n");
        assertThat(lines.ri()).isTrue();
        h.clock.advance(120);
        assertThat(lines.ri()).isFalse();
        ctl(new ControlCommand.Sms("UNOTV.COM", "second"));
        assertThat(h.take()).isEqualTo("\r\n+CMTI: \"SM\",2\r\n");
        MessageStore store = h.modem.radio().messages();
        assertThat(store.get(1).from()).isEqualTo("+8613918186089");
        assertThat(store.get(1).text()).isEqualTo("This is a test");
        assertThat(store.get(2).status()).isEqualTo(MessageStore.Status.REC_UNREAD);
        store.delete(1);
        ctl(new ControlCommand.Sms("+1", "third"));
        assertThat(h.take()).as("the lowest free index").isEqualTo("\r\n+CMTI: \"SM\",1\r\n");
    }

    @Test
    void smsWhileACommandRunsWaitsForItsResult() {
        h.at("AT+CIPSTART=\"TCP\",\"10.0.0.1\",80");
        FakeLink l = h.net.last();
        l.connect();
        h.take();
        assertThat(h.at("AT+CIPSEND=1")).isEqualTo("\r\n> ");
        h.send("x");
        ctl(new ControlCommand.Sms("+1", "hi"));
        assertThat(h.take()).isEmpty();
        l.ackAll();
        assertThat(h.take()).isEqualTo("\r\nSEND OK\r\n\r\n+CMTI: \"SM\",1\r\n");
    }

    @Test
    void fullStorageAndBadTextsAreRefused() {
        for (int i = 1; i <= MessageStore.CAPACITY; i++) {
            ctl(new ControlCommand.Sms("+1", "m" + i));
        }
        h.take();
        assertThatThrownBy(() -> ctl(new ControlCommand.Sms("+1", "one more")))
                .hasMessage("the SIM's message storage is full (30 messages)");
        assertThatThrownBy(() -> ctl(new ControlCommand.Sms("+1", "x".repeat(161))))
                .hasMessageStartingWith("the SMS text must be 1-160 characters");
        assertThatThrownBy(() -> ctl(new ControlCommand.Sms("+1\"", "x"))).hasMessageStartingWith("the number must be");
        assertThat(h.take()).isEmpty();
    }

    @Test
    void ussdAnswerNeedsCusdOne() {
        assertThatThrownBy(() -> ctl(new ControlCommand.Ussd("Balance: 10")))
                .hasMessage("USSD answers are not shown: the host has not sent AT+CUSD=1");
        assertThat(h.at("AT+CUSD=1,\"*100#\"")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CUSD?")).isEqualTo("\r\n+CUSD: 1\r\n\r\nOK\r\n");
        ctl(new ControlCommand.Ussd("Balance:19,84r"));
        assertThat(h.take()).isEqualTo("\r\n+CUSD: 0, \"Balance:19,84r\", 15\r\n");
        assertThat(h.at("AT+CUSD=?")).isEqualTo("\r\n+CUSD: (0-2)\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CUSD=2")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CUSD=1, \"*102#\",15")).as("ESPHome's space").isEqualTo("\r\nOK\r\n");
        assertThatThrownBy(() -> ctl(new ControlCommand.Ussd("say \"hi\""))).hasMessageStartingWith("the USSD text");
    }

    @Test
    void ussdRequestWithoutServiceIsCme30() {
        ctl(new ControlCommand.Register(Registration.NONE));
        assertThat(h.at("AT+CMEE=1;+CUSD=1,\"*100#\"")).isEqualTo("\r\n+CME ERROR: 30\r\n");
    }
}
