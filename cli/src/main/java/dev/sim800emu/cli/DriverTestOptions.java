package dev.sim800emu.cli;

import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.hostcheck.HostCheck;
import dev.sim800emu.modem.runtime.VirtualModem;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * The launcher's options for testing drivers (docs/driver-testing.md): the timing adversary and
 * the host-protocol check.
 */
final class DriverTestOptions {

    @Option(names = "--stress-timing",
            description = "Answer at the worst legal moment: notices cross the host's next command, final results "
                    + "and boot URCs come late, output arrives in small fragments. Prints the seed in use.")
    boolean stress;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of --stress-timing's choices, to replay a run (default: a random seed, printed).")
    Long seed;

    @Option(names = "--stress-max-delay", paramLabel = "MS", defaultValue = "" + StressTiming.RESULT_DELAY,
            converter = Converters.StressDelay.class,
            description = "Longest delay of a final result under --stress-timing, 0..60000 ms (default: ${DEFAULT-VALUE}).")
    int maxDelay;

    @Option(names = "--host-check",
            description = "Report each host mistake the chip punishes silently, one 'host-check:' line on standard "
                    + "error, and a summary at exit.")
    boolean hostCheck;

    private VirtualModem modem;
    private HostCheck check;
    private PrintWriter err;

    /** Turns the options on for {@code modem}, before any host connects. */
    void apply(VirtualModem modem, PrintWriter out, PrintWriter err) throws Exception {
        this.modem = modem;
        this.err = err;
        if (stress) {
            long s = seed != null ? seed : new SecureRandom().nextLong();
            modem.control(new ControlCommand.Stress(StressTiming.seeded(s).withMaxResultDelay(maxDelay)))
                    .get(5, TimeUnit.SECONDS);
            out.println("sim800emu: --stress-timing with --seed " + s);
        }
        if (hostCheck) {
            check = modem.hostCheck(f -> {
                err.println(f.line());
                err.flush();
            }).get(5, TimeUnit.SECONDS);
        }
    }

    /** At exit: the last findings (a payload left short, a +++ not taken) and the summary line. */
    void finish() {
        if (check == null) {
            return;
        }
        try {
            modem.runAndWait(e -> check.finish()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the loop is gone: summarise what was found
        }
        err.println(check.summary());
        err.flush();
    }
}
