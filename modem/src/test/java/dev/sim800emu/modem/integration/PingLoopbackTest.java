package dev.sim800emu.modem.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AT+CIPPING over the real network port, to 127.0.0.1 only: the host answers each request (an ICMP
 * echo, or the JVM's TCP fallback that a refusal also counts as a reply), and a destination the
 * policy denies is never probed — its requests are lost, 600,255 after the timeout, as the chip
 * prints them.
 */
@Timeout(60)
class PingLoopbackTest {

    /** What the modem prints up to and including the final {@code \r\nOK\r\n}. */
    private static String untilOk(Rig rig) {
        StringBuilder b = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!b.toString().endsWith("\r\nOK\r\n") && System.nanoTime() < deadline) {
            b.append(rig.raw.take(1, Duration.ofMillis(200)));
        }
        return b.toString();
    }

    @Test
    void loopbackAnswers() throws Exception {
        try (Rig rig = Rig.raw()) {
            rig.bringUpContext();
            rig.raw.write("AT+CIPPING=\"127.0.0.1\",2,32,50\r");
            // The round trip is small but not known: 1 (the least a reply shows) up to the 5 s timeout.
            assertThat(untilOk(rig)).matches("\r\n\\+CIPPING: 1,\"127\\.0\\.0\\.1\",([1-9]|[1-4][0-9]),64\r\n"
                    + "\r\n\\+CIPPING: 2,\"127\\.0\\.0\\.1\",([1-9]|[1-4][0-9]),64\r\n\r\nOK\r\n");
            rig.assertResponsive();
        }
    }

    @Test
    void aDeniedDestinationIsNeverAnswered() throws Exception {
        try (Rig rig = Rig.with(new NetworkOptions(null, DestinationPolicy.parse(List.of(), List.of("127.0.0.0/8"))),
                Rig.config().build(), false, true)) {
            rig.bringUpContext();
            rig.exact("AT+CIPPING=127.0.0.1,2,0,3", "\r\n+CIPPING: 1,\"127.0.0.1\",600,255\r\n"
                    + "\r\n+CIPPING: 2,\"127.0.0.1\",600,255\r\n\r\nOK\r\n");
        }
    }
}
