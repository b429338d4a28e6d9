package dev.sim800emu.cli;

import dev.sim800emu.modem.scenario.Scenario;
import dev.sim800emu.modem.scenario.ScenarioException;
import dev.sim800emu.modem.scenario.ScenarioListener;
import dev.sim800emu.modem.scenario.ScenarioParser;
import dev.sim800emu.modem.scenario.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The launcher's control-plane options: the HTTP API and a scenario to play. */
final class ControlOptions {
    /** Where the API listens with a bare {@code --control}, and where {@code ctl} looks by default. */
    static final String DEFAULT_CONTROL = "127.0.0.1:7080";
    /** A scenario is a page of steps; a bigger file is a mistake. */
    private static final long MAX_SCENARIO_BYTES = 1 << 20;

    @Option(names = "--control", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = DEFAULT_CONTROL,
            converter = HostPort.class,
            description = "Serve the HTTP/JSON control API (docs/control-api.md); a bare --control means "
                    + DEFAULT_CONTROL + ". Off unless given.")
    InetSocketAddress control;

    @Option(names = "--control-token", paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on every control request (needed to serve a "
                    + "non-loopback address).")
    String token;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Play a scenario file (YAML: timed steps and steps that wait for the serial line); "
                    + "its clock starts when the first host connects.")
    Path scenario;

    /** The scenario file read and checked, or null without one; IllegalArgumentException says what is wrong. */
    Scenario loadScenario() {
        if (scenario == null) {
            return null;
        }
        String text;
        try {
            if (Files.size(scenario) > MAX_SCENARIO_BYTES) {
                throw new IllegalArgumentException("scenario " + scenario + " is larger than 1 MiB");
            }
            text = Files.readString(scenario);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario " + scenario + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + scenario + ": cannot read it (" + e.getMessage() + ")");
        }
        try {
            return ScenarioParser.parse(text);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("scenario " + scenario + " " + e.getMessage());
        }
    }

    /** Prints what the scenario does, one line a step, for a CI log. */
    static ScenarioListener log(PrintWriter out) {
        return new ScenarioListener() {
            @Override
            public void applied(Step step) {
                line("scenario " + step.describe());
            }

            @Override
            public void refused(Step step, String reason) {
                line("scenario " + step.describe() + " refused: " + reason);
            }

            @Override
            public void finished() {
                line("scenario finished");
            }

            private void line(String s) {
                out.println("sim800emu: " + s);
                out.flush();
            }
        };
    }
}
