package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** Every listening socket: loopback by default, and one warning line for any other address. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExposureTest {

    @Test
    void loopbackIsQuietAndAnyOtherAddressWarnsOnce() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        InetAddress lan = InetAddress.getByName("192.168.1.20");
        InetAddress loop = InetAddress.getByName("127.0.0.1");
        assertThat(Exposure.warnings(Arrays.asList(new Exposure.Listener("--tcp", loop, 7000),
                new Exposure.Listener("--rfc2217", InetAddress.getByName("127.0.0.2"), 7001),
                new Exposure.Listener("--server-bind", InetAddress.getByName("::1"), -1), null))).isEmpty();
        assertThat(Exposure.warnings(List.of(new Exposure.Listener("--tcp", any, 7000),
                new Exposure.Listener("--rfc2217", lan, 7001),
                new Exposure.Listener("--server-bind", any, -1),
                new Exposure.Listener("--control", lan, 7080)))).containsExactly(
                "sim800emu: warning: --tcp listens on 0.0.0.0:7000, not loopback: anyone who can reach it can use it",
                "sim800emu: warning: --rfc2217 listens on 192.168.1.20:7001, not loopback: anyone who can reach it can use it",
                "sim800emu: warning: --server-bind listens on 0.0.0.0, not loopback: anyone who can reach it can use it",
                "sim800emu: warning: --control listens on 192.168.1.20:7080, not loopback: anyone who can reach it can use it");
    }

    /**
     * The launcher prints the warning before it binds. Checked without ever listening on a
     * non-loopback address: the port is taken on 127.0.0.1, so the wildcard bind fails (exit 1).
     */
    @Test
    void theLauncherWarnsBeforeBindingAWildcardAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CommandLine cl = Main.commandLine(new Main());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int status = cl.execute("--tcp", "0.0.0.0:" + port);
            assertThat(status).isEqualTo(1);
            assertThat(err.toString().lines().toList()).containsExactly(
                    "sim800emu: warning: --tcp listens on 0.0.0.0:" + port
                            + ", not loopback: anyone who can reach it can use it",
                    "sim800emu: cannot listen on 0.0.0.0:" + port + ": address already in use");
        }
    }

    @Test
    void defaultsAreLoopback() {
        Main m = new Main();
        new CommandLine(m).parseArgs();
        InetSocketAddress tcp = new InetSocketAddress(m.tcp.getHostString(), m.tcp.getPort());
        assertThat(tcp.getAddress().isLoopbackAddress()).as("--tcp default").isTrue();
        assertThat(m.serverBind).isEqualTo("127.0.0.1");
        assertThat(m.rfc2217).as("--rfc2217 off by default").isNull();
        assertThat(ControlOptions.DEFAULT_CONTROL).startsWith("127.0.0.1:");
    }
}
