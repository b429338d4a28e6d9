package dev.sim800emu.modem.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.netty.TlsPolicy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * AT+CNTP through the real emulator against a small SNTP responder on 127.0.0.1; the server is
 * named "host:port" (the emulator's extension: port 123 would need privileges).
 */
class NtpOverNetworkTest {

    @Test
    void syncAgainstALocalResponder() throws Exception {
        long unix = Instant.parse("2024-05-06T07:08:09Z").getEpochSecond();
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             Emulator e = new Emulator(TlsPolicy.chip())) {
            Thread responder = new Thread(() -> {
                try {
                    DatagramPacket in = new DatagramPacket(new byte[64], 64);
                    server.receive(in);
                    ByteBuffer b = ByteBuffer.allocate(48);
                    b.put(0, (byte) 0x1C).put(1, (byte) 1).putInt(40, (int) (unix + 2_208_988_800L));
                    server.send(new DatagramPacket(b.array(), 48, in.getSocketAddress()));
                } catch (java.io.IOException ignored) {
                    // the test fails on the missing +CNTP: 1
                }
            }, "ntp-test-server");
            responder.setDaemon(true);
            responder.start();
            e.expect("AT+SAPBR=1,1", "\r\nOK\r\n");
            e.expect("AT+CNTP=\"tls.test:" + server.getLocalPort() + "\",4", "\r\nOK\r\n");
            e.expect("AT+CNTP", "\r\nOK\r\n\r\n+CNTP: 1\r\n");
            e.host.write("AT+CCLK?\r");
            String reply = e.host.take("\r\n+CCLK: \"24/05/06,08:08:09+04\"\r\n\r\nOK\r\n".length(), Emulator.T);
            // Seconds may tick between the answer and the read.
            assertThat(reply).startsWith("\r\n+CCLK: \"24/05/06,08:08:").endsWith("+04\"\r\n\r\nOK\r\n");
        }
    }
}
