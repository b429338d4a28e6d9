package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The lean command line (no subcommands) is used only where it behaves as the full one. */
class CommandLinesTest {

    @Test
    void subcommandNamesAreTheFullCommandLines() {
        assertThat(CommandLines.full(new Main()).getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(CommandLines.SUBCOMMAND_NAMES);
        assertThat(CommandLines.lean(new Main()).getSubcommands()).isEmpty();
    }

    @Test
    void aPlainRunIsLean() {
        assertThat(CommandLines.leanSuffices(new String[0])).isTrue();
        assertThat(CommandLines.leanSuffices(new String[] {"--tcp", "127.0.0.1:7000", "--pty", "/tmp/sim800",
            "--control", "--boot-time", "3000", "--trace"})).isTrue();
        assertThat(CommandLines.forArgs(new String[] {"--trace"}).getSubcommands()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctl status", "--control 127.0.0.1:7080 fleet --count 2", "replay x", "import x",
        "--help", "-h", "--version", "-V", "-hV", "@args.txt", "--model ctl", "--server-port-offset -5"})
    void anythingThatMayInvolveASubcommandGetsTheFullOne(String args) {
        String[] argv = args.split(" ");
        assertThat(CommandLines.leanSuffices(argv)).isFalse();
        assertThat(CommandLines.forArgs(argv).getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(CommandLines.SUBCOMMAND_NAMES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"extra", "ctlx", "fleets", "--foo", "--foo --bar", "--tcp", "--tcp x", "--pty",
        "--keep-powered=maybe", "--connect-timeout 0", "--local-ip 1.2.3", "--model SIM900"})
    void leanRejectsExactlyAsTheFullOne(String args) {
        String[] argv = args.split(" ");
        assertThat(CommandLines.leanSuffices(argv)).isTrue();
        assertThat(run(CommandLines.lean(new Main()), argv)).isEqualTo(run(CommandLines.full(new Main()), argv))
                .satisfies(r -> assertThat(r).startsWith("2 |sim800emu: "));
    }

    /** Status, output and error output of one run, as one string. */
    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return status + " " + out + "|" + err;
    }
}
