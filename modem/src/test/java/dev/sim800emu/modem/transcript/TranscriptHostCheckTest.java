package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.HostView;
import dev.sim800emu.modem.hostcheck.Finding;
import dev.sim800emu.modem.hostcheck.HostCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application note's dialogs are what a careful host does: the host check finds nothing in
 * them — except §7.3, which shows on purpose what breaking the send limit does.
 */
class TranscriptHostCheckTest {

    static List<String> transcripts() {
        return Transcript.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void aCleanDialogGivesNoFinding(String name) throws Exception {
        Transcript t = Transcript.load(name, EngineTarget.vars());
        List<Finding> found = new ArrayList<>();
        try (EngineTarget engine = new EngineTarget(t.echoOn(), t.config())) {
            HostCheck check = new HostCheck(new HostView(engine.harness().modem), found::add);
            TranscriptTarget watched = new TranscriptTarget() {
                @Override
                public void send(byte[] bytes) {
                    check.fromHost(bytes, 0, bytes.length, engine.harness().clock.nowMillis());
                    engine.send(bytes);
                }

                @Override
                public byte[] read(int n) {
                    byte[] b = engine.read(n);
                    check.fromModem(b);
                    return b;
                }

                @Override
                public byte[] rest() {
                    byte[] b = engine.rest();
                    check.fromModem(b);
                    return b;
                }

                @Override
                public void act(Transcript.Action action) {
                    engine.act(action);
                }

                @Override
                public void close() {
                }
            };
            TranscriptPlayer.play(t, watched, 0);
            check.finish();
        }
        if (name.startsWith("7.3-")) {
            // the note's §7.3 shows what the limits do: both breaches, each found once
            assertThat(found).extracting(Finding::line).containsExactly(
                    "host-check: payload-over-limit \"AT+CIPSEND=1461\" (§3.3, §2.2, AN §7.3)",
                    "host-check: payload-over-limit \"Ctrl-Z payload over 1460 bytes\" (§3.3, §2.2, AN §7.3)");
        } else {
            assertThat(found).extracting(Finding::line).isEmpty();
        }
    }
}
