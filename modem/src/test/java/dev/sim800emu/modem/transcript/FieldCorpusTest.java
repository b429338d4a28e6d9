package dev.sim800emu.modem.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every capture of the field corpus against the engine: whole, and with each host send
 * split at its first few positions (a real UART delivers a line in pieces).
 */
class FieldCorpusTest {

    static Stream<Arguments> runs() {
        return FieldCapture.all().stream().flatMap(name -> IntStream.of(0, 1, 2, 3).mapToObj(split -> Arguments.of(name, split)));
    }

    @ParameterizedTest(name = "{0} split at {1}")
    @MethodSource("runs")
    void replays(String name, int splitAt) throws Exception {
        FieldCapture c = FieldCapture.load(name);
        try (EngineTarget target = c.target()) {
            TranscriptPlayer.play(c.transcript(), target, splitAt);
        }
    }

    @Test
    void everyCaptureNamesItsSourceAndModule() throws Exception {
        assertThat(FieldCapture.all()).hasSizeGreaterThanOrEqualTo(30);
        for (String name : FieldCapture.all()) {
            FieldCapture c = FieldCapture.load(name);
            assertThat(c.source()).as("%s: # source:", name).isNotBlank();
            assertThat(c.module()).as("%s: # module:", name).isNotBlank();
        }
    }
}
