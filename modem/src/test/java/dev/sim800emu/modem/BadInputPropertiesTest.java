package dev.sim800emu.modem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever the host sends, the modem keeps answering and never fails inside. */
class BadInputPropertiesTest {

    /** Drains any payload prompt and restores the default result format, then checks AT → OK. */
    private static void assertStillAnswers(ModemHarness h) {
        h.send("\u001b" + "x".repeat(1461) + "\r\n");
        h.net.links.forEach(l -> l.autoAck = true);
        h.net.links.forEach(FakeLink::ackAll);
        h.clock.advance(200_000);
        h.send("ATQ0V1E0\r");
        h.take();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
        assertThat(h.modem.internalErrors()).isZero();
    }

    private static ModemHarness connected() {
        ModemHarness h = new ModemHarness().quiet();
        h.at("AT+CIPSTART=\"TCP\",\"127.0.0.1\",80");
        h.net.last().connect();
        h.net.last().autoAck = true;
        h.take();
        return h;
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 2000) byte[] garbage) {
        ModemHarness h = connected();
        h.send(garbage);
        assertStillAnswers(h);
    }

    @Property(tries = 300)
    void randomCommandLines(@ForAll("commandLines") String lines) {
        ModemHarness h = connected();
        h.send(lines);
        assertStillAnswers(h);
    }

    @Provide
    Arbitrary<String> commandLines() {
        Arbitrary<String> names = Arbitraries.of("+CIPSTART", "+CIPSEND", "+CIPCLOSE", "+CIPSHUT", "+CSTT",
                "+CIICR", "+CIFSR", "+CIPMUX", "+CIPRXGET", "+CIPSTATUS", "+CDNSGIP", "+CFUN", "+CMEE", "+CPIN",
                "+CLPORT", "+CIPACK", "+CIPQSEND", "+CIPSPRT", "+CIPHEAD", "+CIPATS", "E", "V", "Q", "&W", "Z",
                "S3", "+IPR", "+CGATT", "+CIPCCFG", "+CIPTKA", "+CIPSCONT");
        Arbitrary<String> forms = Arbitraries.of("", "?", "=?", "=", "=0", "=1", "=1,1", "=\"TCP\",\"127.0.0.1\",80",
                "=5", "=2,100", "=4", "=\"x\"", "=-1", "=99999999999", "=\"", ",,,", "=1,2,3,4,5,6,7,8");
        Arbitrary<String> command = Arbitraries.strings().ofMaxLength(0).flatMap(e -> names)
                .flatMap(n -> forms.map(f -> n + f));
        return command.list().ofMinSize(1).ofMaxSize(4)
                .map(cmds -> "AT" + String.join(";", cmds))
                .list().ofMinSize(1).ofMaxSize(6)
                .map(ls -> String.join("\r", ls) + "\r");
    }
}
