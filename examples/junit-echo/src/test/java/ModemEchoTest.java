import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sim800emu.driver.ModemSocket;
import dev.sim800emu.driver.Sim800;
import dev.sim800emu.junit.WithVirtualSim800;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@WithVirtualSim800 // a fresh virtual SIM800 per test, GPRS attached
class ModemEchoTest {

    @Test
    void echoesThroughTheModem(Sim800 modem) throws Exception {
        // a local echo server on 127.0.0.1, any free port
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket peer = echo.accept()) {
                    peer.getInputStream().transferTo(peer.getOutputStream());
                } catch (Exception closed) {
                    // the test is over
                }
            });
            server.setDaemon(true);
            server.start();

            // a TCP socket through the modem (AT+CIPSTART), then bytes both ways
            try (ModemSocket socket = modem.openSocket("127.0.0.1", echo.getLocalPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = socket.getInputStream().readNBytes(5);
                assertEquals("hello", new String(reply, StandardCharsets.US_ASCII));
            }
        }
    }
}
