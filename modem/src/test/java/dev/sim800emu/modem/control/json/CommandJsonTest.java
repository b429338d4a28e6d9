package dev.sim800emu.modem.control.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.radio.Registration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control vocabulary: every verb's arguments, and one clear line for each bad one. */
class CommandJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ControlCommand parse(String verb, String body) throws Exception {
        JsonNode node = body == null ? null : JSON.readTree(body);
        return CommandJson.parse(verb, node);
    }

    @Test
    void everyVerbBuildsItsCommand() throws Exception {
        assertThat(parse("signal", "{\"rssi\":10,\"ber\":0}")).isEqualTo(new ControlCommand.Signal(10, 0));
        assertThat(parse("signal", "{\"rssi\":99}")).isEqualTo(new ControlCommand.Signal(99, 0));
        assertThat(parse("register", "{\"state\":\"Roaming\"}"))
                .isEqualTo(new ControlCommand.Register(Registration.ROAMING));
        assertThat(parse("detach", null)).isEqualTo(new ControlCommand.Detach());
        assertThat(parse("pdp-deact", "{}")).isEqualTo(new ControlCommand.PdpDeact());
        assertThat(parse("sim", "{\"inserted\":false}")).isEqualTo(new ControlCommand.Sim(false));
        assertThat(parse("reboot", "null")).isEqualTo(new ControlCommand.Reboot());
        assertThat(parse("time", "{\"time\":\"2026-03-29T02:30:00+01:00\",\"dst\":1}")).isEqualTo(
                new ControlCommand.NetworkTime(ZonedDateTime.parse("2026-03-29T02:30:00+01:00"), 1));
        assertThat(parse("call", "{\"from\":\"+15551234567\"}")).isEqualTo(new ControlCommand.Call("+15551234567"));
        assertThat(parse("hangup", null)).isEqualTo(new ControlCommand.Hangup());
        assertThat(parse("sms", "{\"from\":\"1234\",\"text\":\"hi there\"}"))
                .isEqualTo(new ControlCommand.Sms("1234", "hi there"));
        assertThat(parse("ussd", "{\"text\":\"Balance: 5 EUR\"}")).isEqualTo(new ControlCommand.Ussd("Balance: 5 EUR"));
        assertThat(parse("network", "{\"preset\":\"gprs-poor\"}"))
                .isEqualTo(new ControlCommand.Network(LinkConditions.preset("gprs-poor")));
        assertThat(parse("network", "{\"downKbps\":40,\"upKbps\":20,\"latencyMs\":600,\"jitterMs\":100,\"loss\":0}"))
                .isEqualTo(new ControlCommand.Network(new LinkConditions(40_000, 20_000, 600, 100, 0, 0)));
        assertThat(parse("network", "{\"preset\":\"gprs\",\"latencyMs\":900,\"downKbps\":85.6}")).isEqualTo(
                new ControlCommand.Network(new LinkConditions(85_600, 42_800, 900, 50, 0, 64 * 1024)));
        assertThat(parse("link", "{\"id\":1,\"fault\":\"blackhole\"}"))
                .isEqualTo(new ControlCommand.Link(1, LinkFault.BLACKHOLE));
        assertThat(parse("spike", "{\"extraMs\":2000,\"forMs\":10000}"))
                .isEqualTo(new ControlCommand.LatencySpike(2000, 10_000));
        assertThat(parse("dns", "{\"fault\":\"slow\",\"delayMs\":3000}"))
                .isEqualTo(new ControlCommand.Dns(DnsFault.SLOW, 3000));
        assertThat(parse("dns", "{\"fault\":\"fail\"}")).isEqualTo(new ControlCommand.Dns(DnsFault.FAIL, 0));
        assertThat(parse("refuse", "{\"refuse\":true}")).isEqualTo(new ControlCommand.RefuseConnections(true));
        assertThat(parse("sms-fail", "{\"error\":500,\"count\":2}")).isEqualTo(new ControlCommand.SmsFail(500, 2));
        assertThat(parse("dial", "{\"outcome\":\"busy\",\"afterMs\":300}"))
                .isEqualTo(new ControlCommand.Dial(dev.sim800emu.modem.radio.DialOutcome.Kind.BUSY, 300));
        assertThat(parse("location", "{\"lat\":40.73016,\"lon\":-74.007729,\"accuracy\":550}")).isEqualTo(
                new ControlCommand.Location(new dev.sim800emu.modem.config.CellLocation(40.73016, -74.007729, 550)));
        assertThat(parse("location", "{\"lat\":-33.8,\"lon\":151.2}")).isEqualTo(
                new ControlCommand.Location(new dev.sim800emu.modem.config.CellLocation(-33.8, 151.2, 637)));
        assertThat(parse("dial", "{\"outcome\":\"answer\"}"))
                .isEqualTo(new ControlCommand.Dial(dev.sim800emu.modem.radio.DialOutcome.Kind.ANSWER, 2000));
    }

    @Test
    void theVerbsAreTheCommandsOwnNames() throws Exception {
        for (String verb : CommandJson.verbs()) {
            // each verb's name is the record's verb(), so the API and the model cannot drift apart
            String body = switch (verb) {
                case "signal" -> "{\"rssi\":1}";
                case "register" -> "{\"state\":\"home\"}";
                case "sim" -> "{\"inserted\":true}";
                case "time" -> "{\"time\":\"2026-01-01T00:00:00Z\"}";
                case "call" -> "{\"from\":\"1\"}";
                case "sms" -> "{\"from\":\"1\",\"text\":\"\"}";
                case "ussd" -> "{\"text\":\"x\"}";
                case "link" -> "{\"id\":0,\"fault\":\"reset\"}";
                case "spike" -> "{\"extraMs\":1,\"forMs\":1}";
                case "dns" -> "{\"fault\":\"restore\"}";
                case "refuse" -> "{\"refuse\":false}";
                case "stress" -> "{\"on\":false}";
                case "sms-fail" -> "{\"error\":500}";
                case "dial" -> "{\"outcome\":\"no-answer\"}";
                case "location" -> "{\"lat\":1,\"lon\":2}";
                default -> null;
            };
            assertThat(parse(verb, body).verb()).isEqualTo(verb);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "signal   | {\"rssi\":40}                     | signal: 'rssi' must be 0..31 or 99, not 40",
        "signal   | {}                                | signal: 'rssi' is required",
        "signal   | {\"rssi\":\"10\"}                 | signal: 'rssi' must be a whole number, not \"10\"",
        "signal   | {\"rssi\":1.5}                    | signal: 'rssi' must be a whole number, not 1.5",
        "signal   | {\"rssi\":10,\"bar\":0}           | signal: unknown field 'bar' (expected 'rssi', 'ber')",
        "signal   | [1]                               | signal: arguments must be an object with 'rssi', 'ber'",
        "register | {\"state\":\"away\"}              | register: 'state' must be one of none, home, searching, denied, roaming, not \"away\"",
        "detach   | {\"now\":true}                    | detach: unknown field 'now' (detach takes none)",
        "sim      | {\"inserted\":\"no\"}             | sim: 'inserted' must be true or false, not \"no\"",
        "call     | {\"from\":\"bob\"}                | call: 'from' must be a phone number, not \"bob\"",
        "network  | {\"preset\":\"lte\"}              | network: 'preset' must be one of edge, gprs, gprs-good, gprs-poor, ideal, not \"lte\"",
        "network  | {\"loss\":101}                    | network: 'loss' must be 0..100, not 101",
        "network  | {\"latencyMs\":100,\"jitterMs\":200} | network: jitter must not exceed the latency",
        "network  | {\"latencyMs\":1.5}               | network: 'latencyMs' must be a whole number, not 1.5",
        "link     | {\"id\":6,\"fault\":\"reset\"}    | link: 'id' must be 0..5, not 6",
        "link     | {\"id\":1,\"fault\":\"drop\"}     | link: 'fault' must be one of reset, blackhole, restore, not \"drop\"",
        "dns      | {\"fault\":\"slow\"}              | dns: 'delayMs' is required",
        "dns      | {\"fault\":\"fail\",\"delayMs\":5} | dns: 'delayMs' goes only with \"slow\"",
        "time     | {\"time\":\"yesterday\"}          | time: 'time' must be an ISO-8601 date and time with offset, like 2026-03-29T02:30:00+01:00, not \"yesterday\"",
        "fly      | {}                                | unknown verb 'fly' (known: signal, register, detach, pdp-deact, sim, reboot, time, call, hangup, sms, ussd, sms-fail, dial, network, link, spike, dns, refuse, stress, location)",
        "location | {\"lat\":91,\"lon\":0}            | location: 'lat' must be -90..90, not 91",
        "location | {\"lon\":0}                     | location: 'lat' and 'lon' are required",
    })
    void badArgumentsAreOneLine(String verb, String body, String message) {
        assertThatThrownBy(() -> parse(verb, body)).isInstanceOf(BadCommandException.class).hasMessage(message);
    }
}
