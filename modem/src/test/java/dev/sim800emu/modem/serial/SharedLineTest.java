package dev.sim800emu.modem.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several endpoints on one modem (TCP and PTY, say) are hosts on one serial line: all hear the
 * output, and the modem loses power only when the last host leaves.
 */
class SharedLineTest {

    @Test
    void hostsShareTheLineAndTheLastOneOutPowersOff() throws Exception {
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try {
            NettyNetwork net = new NettyNetwork(group.next(), NetworkOptions.defaults());
            VirtualModem modem = new VirtualModem(ModemConfig.builder().bootMillis(0).build(), net.eventLoop(), net);
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            VirtualModem.Host hostA = modem.hostConnected(a::writeBytes).get(5, TimeUnit.SECONDS);
            VirtualModem.Host hostB = modem.hostConnected(b::writeBytes).get(5, TimeUnit.SECONDS);
            modem.input("ATE0\r".getBytes(StandardCharsets.US_ASCII));
            modem.runAndWait(e -> { }).get(5, TimeUnit.SECONDS);
            assertThat(a.toString(StandardCharsets.US_ASCII)).endsWith("SMS Ready\r\nATE0\r\r\nOK\r\n");
            assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("ATE0\r\r\nOK\r\n");
            modem.runAndWait(e -> hostB.disconnect(true)).get(5, TimeUnit.SECONDS);
            a.reset();
            b.reset();
            modem.input("AT\r".getBytes(StandardCharsets.US_ASCII));
            modem.runAndWait(e -> assertThat(e.power()).isEqualTo(ModemEngine.Power.ON)).get(5, TimeUnit.SECONDS);
            assertThat(a.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\nOK\r\n");
            assertThat(b.size()).isZero();
            modem.runAndWait(e -> hostA.disconnect(true)).get(5, TimeUnit.SECONDS);
            modem.runAndWait(e -> assertThat(e.power()).isEqualTo(ModemEngine.Power.OFF)).get(5, TimeUnit.SECONDS);
            net.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
