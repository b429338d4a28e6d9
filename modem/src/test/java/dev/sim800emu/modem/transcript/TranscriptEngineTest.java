package dev.sim800emu.modem.transcript;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transcript against the engine: whole, and with each host send split at every position. */
class TranscriptEngineTest {

    static Stream<Arguments> runs() throws Exception {
        return Transcript.all().stream().flatMap(name -> {
            try {
                int longest = Transcript.load(name, EngineTarget.vars()).longestSend();
                // Every position of command lines; for a long payload, its start and its 1460 edge.
                IntStream positions = IntStream.concat(IntStream.range(0, Math.min(longest, 128)),
                        IntStream.of(1459, 1460, 1461).filter(p -> p < longest));
                return positions.mapToObj(split -> Arguments.of(name, split));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} split at {1}")
    @MethodSource("runs")
    void plays(String name, int splitAt) throws Exception {
        Transcript t = Transcript.load(name, EngineTarget.vars());
        try (EngineTarget target = new EngineTarget(t.echoOn(), t.config())) {
            TranscriptPlayer.play(t, target, splitAt);
        }
    }
}
