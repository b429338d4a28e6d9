package dev.sim800emu.modem.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.hostcheck.Finding;
import dev.sim800emu.modem.hostcheck.HostCheck;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --stress-timing's fragments and --host-check on a modem bound to its event loop. */
class DriverTestingLineTest {

    @Test
    void underStressOutputArrivesInSmallFragmentsInOrderAndTheHostCheckReports() throws Exception {
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        try {
            NettyNetwork net = new NettyNetwork(group.next(), NetworkOptions.defaults());
            VirtualModem modem = new VirtualModem(ModemConfig.builder().bootMillis(0).build(), net.eventLoop(), net);
            modem.control(new ControlCommand.Stress(new StressTiming(9, 20, 500, 0, 4, 2))).get(5, TimeUnit.SECONDS);
            List<Finding> findings = new CopyOnWriteArrayList<>();
            HostCheck check = modem.hostCheck(findings::add).get(5, TimeUnit.SECONDS);
            List<Integer> writes = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            CompletableFuture<String> done = new CompletableFuture<>();
            modem.hostConnected(bytes -> {
                writes.add(bytes.length);
                all.writeBytes(bytes);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("+CSQ: 20,0\r\n\r\nOK\r\n")) {
                    done.complete(text);
                }
            }).get(5, TimeUnit.SECONDS);
            modem.input("ATE0\rAT+CSQ\r".getBytes(StandardCharsets.US_ASCII)); // the second line does not wait
            String text = done.get(10, TimeUnit.SECONDS);
            assertThat(text).isEqualTo("\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n"
                    + "ATE0\r\r\nOK\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
            assertThat(writes).allMatch(n -> n >= 1 && n <= 4);
            modem.runAndWait(e -> check.finish()).get(5, TimeUnit.SECONDS);
            assertThat(findings).extracting(Finding::line)
                    .containsExactly("host-check: command-before-result \"AT+CSQ\" (§1.3, M §1.4.5)");
            net.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
