package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Plays a transcript against a target and checks the modem's output byte for byte. With
 * {@code splitAt > 0} every host send longer than that is written in two pieces split there.
 */
public final class TranscriptPlayer {

    private TranscriptPlayer() {
    }

    public static void play(Transcript t, TranscriptTarget target, int splitAt) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int stepNo = 0;
        for (Transcript.Step step : t.steps()) {
            stepNo++;
            if (step instanceof Transcript.HostSends h) {
                byte[] b = h.bytes();
                // A split right before the final LF makes the LF arrive after the reply to its CR.
                // It is taken unechoed, as on the chip, unless the reply was a reboot (CFUN=1,1):
                // then it is a stray byte after the boot, which the chip, whose LF follows the CR
                // by one character time, never sees. So that split is not played with echo on.
                boolean crlfSplit = t.echoOn() && splitAt == b.length - 1 && b[b.length - 1] == '\n';
                if (splitAt > 0 && splitAt < b.length && !crlfSplit) {
                    target.send(Arrays.copyOfRange(b, 0, splitAt));
                    target.send(Arrays.copyOfRange(b, splitAt, b.length));
                } else {
                    target.send(b);
                }
            } else if (step instanceof Transcript.ModemPrints m) {
                byte[] got = target.read(m.bytes().length);
                seen.writeBytes(got);
                assertThat(show(got))
                        .as("%s step %d (split at %d); output so far:%n%s", t.name(), stepNo, splitAt, show(seen.toByteArray()))
                        .isEqualTo(show(m.bytes()));
            } else if (step instanceof Transcript.Action a) {
                target.act(a);
            }
        }
        assertThat(show(target.rest())).as("%s: unexpected trailing output (split at %d)", t.name(), splitAt).isEmpty();
    }

    /** Output with control characters made visible, for readable failures. */
    static String show(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n")
                .replace("\u001a", "\\x1a").replace("\u001b", "\\x1b");
    }
}
