package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.hostcheck.Finding;
import dev.sim800emu.modem.hostcheck.HostCheck;
import dev.sim800emu.modem.hostcheck.HostRule;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a modem's host-check ({@code --host-check}): every finding in order, the count per
 * rule and the one-line summary. The control API serves it as JSON ({@code GET /modems/{id}/host-check}).
 */
public record HostCheckReport(List<Finding> findings, Map<HostRule, Integer> counts, String summary) {

    /** Taken on the modem's thread, where the check runs. */
    static HostCheckReport of(HostCheck check) {
        return new HostCheckReport(check.findings(), check.counts(), check.summary());
    }
}
