package dev.sim800emu.modem.transcript;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transcript over the real TCP serial endpoint with loopback servers: whole, and with the
 * host's writes split at every position of the command lines.
 */
class TranscriptEndpointTest {
    private static EndpointTarget.World world;

    @BeforeAll
    static void start() {
        world = new EndpointTarget.World();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static Stream<Arguments> runs() {
        return Transcript.all().stream().flatMap(name -> {
            try {
                int longest = Math.min(24, Transcript.load(name, world.vars()).longestSend());
                // Timed dialogs (CIPATS, +++ guard times) wait real seconds: a few splits only.
                boolean slow = name.startsWith("7.2") || name.startsWith("3.2");
                IntStream positions = slow ? IntStream.of(0, 2) : IntStream.range(0, longest);
                return positions.mapToObj(split -> Arguments.of(name, split));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} split at {1}")
    @MethodSource("runs")
    void plays(String name, int splitAt) throws Exception {
        Transcript t = Transcript.load(name, world.vars());
        try (EndpointTarget target = new EndpointTarget(world, t.echoOn())) {
            TranscriptPlayer.play(t, target, splitAt);
        }
    }
}
