package dev.sim800emu.modem.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenario files: the format, and one line naming the line for everything wrong with one. */
class ScenarioParserTest {

    @Test
    void readsEveryKindOfStep() {
        Scenario s = ScenarioParser.parse("""
                name: a bad day
                steps:
                  # 5 s after the link is up, the network drops the context
                  - when: {modem: "CONNECT OK"}
                    delay: 5s
                    do: pdp-deact
                  - after: 2s
                    do: {signal: {rssi: 5}}
                  - at: 1m
                    do: {network: {preset: gprs-poor}}
                  - when: {host: "AT+CIPSTART"}
                    do: {link: {id: 0, fault: blackhole}}
                  - do: reboot
                """);
        assertThat(s.name()).isEqualTo("a bad day");
        assertThat(s.steps()).containsExactly(
                new Step(4, new Trigger.ModemSays("CONNECT OK"), 5000, new ControlCommand.PdpDeact()),
                new Step(7, new Trigger.After(2000), 0, new ControlCommand.Signal(5, 0)),
                new Step(9, new Trigger.At(60_000), 0, new ControlCommand.Network(LinkConditions.preset("gprs-poor"))),
                new Step(11, new Trigger.HostSays("AT+CIPSTART"), 0, new ControlCommand.Link(0, LinkFault.BLACKHOLE)),
                new Step(13, new Trigger.After(0), 0, new ControlCommand.Reboot()));
        assertThat(s.steps().get(0).describe()).isEqualTo("line 4: pdp-deact");
    }

    @Test
    void aBareListIsAScenarioToo() {
        Scenario s = ScenarioParser.parse("- after: 1.5s\n  do: {sms: {from: \"+4917012345\", text: hello}}\n");
        assertThat(s.steps()).containsExactly(
                new Step(1, new Trigger.After(1500), 0, new ControlCommand.Sms("+4917012345", "hello")));
    }

    @Test
    void durations() {
        assertThat(Durations.parse("250ms")).isEqualTo(250);
        assertThat(Durations.parse("5s")).isEqualTo(5000);
        assertThat(Durations.parse("1.005s")).isEqualTo(1005);
        assertThat(Durations.parse("2m")).isEqualTo(120_000);
        assertThatThrownBy(() -> Durations.parse("1.5ms")).hasMessage("'1.5ms' is not a whole number of milliseconds");
        assertThatThrownBy(() -> Durations.parse("5")).hasMessage("'5' is not a duration (write 500ms, 5s, 1.5s or 2m)");
        assertThatThrownBy(() -> Durations.parse("25h")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("2000m")).hasMessage("'2000m' is longer than a day");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
            Arguments.of("", 1, "a scenario is a list of steps, or a mapping with 'steps'"),
            Arguments.of("just text", 1, "a scenario is a list of steps, or a mapping with 'steps'"),
            Arguments.of("name: x", 1, "the scenario has no 'steps'"),
            Arguments.of("steps: []", 1, "the scenario has no steps"),
            Arguments.of("title: x\nsteps: []", 1, "unknown key 'title' (a scenario has 'name' and 'steps')"),
            Arguments.of("steps:\n  - after: 1s\n    do: fly", 3, "unknown verb 'fly' (known: signal, register, detach, pdp-deact, sim, reboot, time, call, hangup, sms, ussd, sms-fail, dial, network, link, spike, dns, refuse, stress, location)"),
            Arguments.of("steps:\n  - after: 1s\n    do: {signal: {rssi: 40}}", 3, "signal: 'rssi' must be 0..31 or 99, not 40"),
            Arguments.of("steps:\n  - after: 5\n    do: reboot", 2, "'5' is not a duration (write 500ms, 5s, 1.5s or 2m)"),
            Arguments.of("steps:\n  - at: 1s\n    after: 2s\n    do: reboot", 2, "a step waits for one thing: at and after given"),
            Arguments.of("steps:\n  - after: 1s\n    delay: 2s\n    do: reboot", 3, "'delay' goes with 'when'; with a time, put it in 'at' or 'after'"),
            Arguments.of("steps:\n  - after: 1s", 2, "the step has no 'do'"),
            Arguments.of("steps:\n  - after: 1s\n    do: reboot\n    then: x", 4, "unknown key 'then' (a step has at, after, when, delay, do)"),
            Arguments.of("steps:\n  - when: {serial: OK}\n    do: reboot", 2, "'when' is {host: \"TEXT\"} or {modem: \"TEXT\"}"),
            Arguments.of("steps:\n  - when: {modem: \"\"}\n    do: reboot", 2, "'when' needs the text to look for, 1 to 256 characters"),
            Arguments.of("steps:\n  - do: [reboot]", 2, "'do' is a verb, or {verb: {arguments}}"),
            Arguments.of("steps:\n  - reboot", 2, "a step is a mapping with 'do' and one of 'at', 'after' or 'when'"),
            Arguments.of("steps:\n  - do: {call: {from: +15551234}}", 2, "call: 'from' must be a string (quote it), not 15551234"),
            Arguments.of("steps:\n  - after: 1s\n    after: 2s\n    do: reboot", 3, "not valid YAML: Duplicate field 'after'"),
            Arguments.of("steps:\n  - after: [1s\n", 2, "not valid YAML: while parsing a flow sequence"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void aBadFileIsRefusedNamingTheLine(String yaml, int line, String problem) {
        assertThatThrownBy(() -> ScenarioParser.parse(yaml))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageStartingWith("line " + line + ": " + problem);
    }
}
