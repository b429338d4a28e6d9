package dev.sim800emu.modem.scenario;

import java.util.List;

/** A bad day on the network, as a list of steps run one after the other (see ScenarioParser). */
public record Scenario(String name, List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
    }
}
