package dev.sim800emu.bench;

import dev.sim800emu.driver.Sim800;
import dev.sim800emu.junit.VirtualSim800;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the JUnit extension costs per test: a fresh virtual modem (network, serial endpoint on a free
 * port), a driver connected in-process that has had its answer to AT (so the modem has booted), and
 * everything closed again — as the extension does around each test. With GPRS attached as well, as
 * an injected driver is by default. Raw baseline in the same run: a loopback ServerSocket opened,
 * connected to, one byte each way, closed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class FreshModemBenchmark {

    @Benchmark
    public void freshBootedModemWithDriver() throws IOException {
        try (VirtualSim800 modem = VirtualSim800.start()) {
            Sim800 d = modem.driver();
            d.signalQuality();
        }
    }

    @Benchmark
    public void freshModemWithDriverAndGprs() throws IOException {
        try (VirtualSim800 modem = VirtualSim800.start()) {
            Sim800 d = modem.driver();
            d.attachGprs("internet", "", "");
        }
    }

    @Benchmark
    public int rawLoopbackServerRoundTrip() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            client.getOutputStream().write(1);
            peer.getOutputStream().write(peer.getInputStream().read());
            return client.getInputStream().read();
        }
    }
}
