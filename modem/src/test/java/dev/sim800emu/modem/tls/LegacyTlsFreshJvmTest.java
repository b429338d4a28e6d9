package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The test JVMs start with TLS 1.0 allowed (.ci/legacy-tls.security), which would hide a launcher
 * that no longer re-enables it. So this test starts a JVM of its own, with the JDK's default
 * settings, and checks that the chip's policy makes TLS 1.0 usable there, as the launcher does.
 */
class LegacyTlsFreshJvmTest {

    /** Run in the fresh JVM: the chip's policy, then a client engine offering TLS 1.0 only. */
    public static void main(String[] args) throws Exception {
        TlsPolicy.chip();
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        javax.net.ssl.SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1"});
        engine.beginHandshake();
        System.out.println("TLSv1 usable");
    }

    @Test
    void theChipsPolicyEnablesTls10InAFreshJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LegacyTlsFreshJvmTest.class.getName())).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("TLSv1 usable");
    }
}
