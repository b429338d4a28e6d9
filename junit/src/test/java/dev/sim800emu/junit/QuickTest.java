package dev.sim800emu.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.driver.ModemSocket;
import dev.sim800emu.driver.Sim800;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@WithVirtualSim800
class QuickTest {
    @Test
    void echoes(Sim800 modem) throws Exception {
        try (EchoServer echo = new EchoServer(); ModemSocket s = modem.openSocket("127.0.0.1", echo.port())) {
            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            byte[] got = s.getInputStream().readNBytes(5);
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }
}
