package dev.sim800emu.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.driver.chat.AtChannel;
import dev.sim800emu.driver.chat.AtCommand;
import dev.sim800emu.driver.chat.LineSplitter;
import dev.sim800emu.driver.chat.Match;
import dev.sim800emu.driver.chat.UrcHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatTest {

    /** The bytes of a CIPRXGET read whose payload looks like AT text, with a notice for link 3 first. */
    private static final String CROSSED = "\r\n+CIPRXGET: 1,3\r\n\r\n+CIPRXGET: 2,0,8,0\r\nOK\r\n> \r\n\r\nOK\r\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void splitterGivesTheSameEventsWhateverTheFragmentSize(int fragment) {
        List<String> events = new ArrayList<>();
        LineSplitter s = new LineSplitter(new LineSplitter.Listener() {
            @Override
            public int line(String line) {
                events.add("line " + line);
                return line.startsWith("+CIPRXGET: 2,") ? 8 : 0;
            }

            @Override
            public boolean prompt() {
                return false;
            }

            @Override
            public void raw(byte[] payload) {
                events.add("raw " + new String(payload, StandardCharsets.ISO_8859_1).replace("\r\n", "|"));
            }
        });
        byte[] b = CROSSED.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += fragment) {
            s.feed(b, i, Math.min(fragment, b.length - i));
        }
        assertThat(events).containsExactly("line +CIPRXGET: 1,3", "line +CIPRXGET: 2,0,8,0", "raw OK|> |",
                "line OK");
    }

    @Test
    void aNoticeForAnotherLinkCrossingAReadIsANoticeNotTheReply() throws Exception {
        ScriptedModem m = new ScriptedModem();
        List<String> notices = new CopyOnWriteArrayList<>();
        try (AtChannel at = new AtChannel(m)) {
            at.addUrcHandler(UrcHandler.of(Match.prefix("+CIPRXGET: 1,"), notices::add));
            CompletableFuture<dev.sim800emu.driver.chat.AtReply> r = CompletableFuture.supplyAsync(() -> {
                try {
                    return at.execute(AtCommand.builder("AT+CIPRXGET=2,0,1460")
                            .info(Match.prefix("+CIPRXGET: 2,0,"), l -> 8).build());
                } catch (ModemException e) {
                    throw new RuntimeException(e);
                }
            });
            m.expect("AT+CIPRXGET=2,0,1460\r");
            m.say(CROSSED);
            dev.sim800emu.driver.chat.AtReply reply = r.get(5, TimeUnit.SECONDS);
            assertThat(new String(reply.payload(), StandardCharsets.ISO_8859_1)).isEqualTo("OK\r\n> \r\n");
            assertThat(reply.lines()).containsExactly("+CIPRXGET: 2,0,8,0");
            assertThat(notices).containsExactly("+CIPRXGET: 1,3");
        }
    }

    @Test
    void promptThenPayloadThenFinal() throws Exception {
        ScriptedModem m = new ScriptedModem();
        try (Sim800 modem = Sim800.open(m)) {
            CompletableFuture<Integer> ref = CompletableFuture.supplyAsync(() -> {
                try {
                    return modem.sendSms("+15550100", "hi there");
                } catch (ModemException e) {
                    throw new RuntimeException(e);
                }
            });
            m.expect("AT+CMGF=1\r");
            m.say("\r\nOK\r\n");
            m.expect("AT+CMGS=\"+15550100\"\r");
            m.say("\r\n> ");
            m.expect("hi there\u001A");
            m.say("\r\nRING\r\n\r\n+CMGS: 17\r\n\r\nOK\r\n");
            assertThat(ref.get(5, TimeUnit.SECONDS)).isEqualTo(17);
        }
    }

    @Test
    void errorsAreTyped() throws Exception {
        ScriptedModem m = new ScriptedModem();
        try (AtChannel at = new AtChannel(m)) {
            CompletableFuture<Throwable> e1 = failure(at, AtCommand.of("AT+X"));
            m.expect("AT+X\r");
            m.say("\r\n+CME ERROR: 30\r\n");
            assertThat(e1.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(CmeErrorException.class,
                    e -> assertThat(e.code()).isEqualTo(30));
            CompletableFuture<Throwable> e2 = failure(at, AtCommand.of("AT+Y"));
            m.expect("AT+Y\r");
            m.say("\r\nERROR\r\n");
            assertThat(e2.get(5, TimeUnit.SECONDS)).isExactlyInstanceOf(AtErrorException.class);
            assertThatThrownBy(() -> at.execute(AtCommand.builder("AT+Z").timeout(Duration.ofMillis(50)).build()))
                    .isInstanceOf(AtTimeoutException.class);
            m.close();
            m.expect("AT+Z\r");
        }
    }

    private static CompletableFuture<Throwable> failure(AtChannel at, AtCommand c) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                at.execute(c);
                return null;
            } catch (ModemException e) {
                return e;
            }
        });
    }
}
