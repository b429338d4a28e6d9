package dev.sim800emu.modem.transcript;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transcript, whole, over the real TCP serial endpoint with loopback servers. The host's
 * writes split at every byte position are played against the bare engine by
 * {@link TranscriptEngineTest}; here each transcript runs once, to prove the sockets carry it.
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

    static List<String> runs() {
        return Transcript.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void plays(String name) throws Exception {
        Transcript t = Transcript.load(name, world.vars());
        try (EndpointTarget target = new EndpointTarget(world, t.echoOn(), t.config())) {
            TranscriptPlayer.play(t, target, 0);
        }
    }
}
