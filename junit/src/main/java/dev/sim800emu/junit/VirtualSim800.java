package dev.sim800emu.junit;

import dev.sim800emu.driver.Sim800;
import dev.sim800emu.driver.transport.TcpTransport;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.radio.Registration;
import dev.sim800emu.modem.runtime.SerialObserver;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A virtual SIM800 running in this JVM: its serial line on a TCP port of 127.0.0.1 (port 0, so
 * parallel tests never collide), its control plane (faults, network conditions), a tap on its serial
 * line (events), and drivers connected to it.
 *
 * <p>The {@link VirtualSim800Extension} makes one per test (or class) and closes it afterwards; it can
 * also be used on its own with try-with-resources.
 */
public final class VirtualSim800 implements AutoCloseable {
    private static final long CONTROL_TIMEOUT_SECONDS = 10;

    private final NettyNetwork network;
    private final VirtualModem modem;
    private final TcpSerialEndpoint endpoint;
    private final List<Sim800> drivers = new ArrayList<>();

    private VirtualSim800(ModemConfig config, NetworkOptions options) throws InterruptedException {
        EventLoopGroup group = SharedLoops.group();
        this.network = new NettyNetwork(group.next(), options);
        this.modem = new VirtualModem(config, network.eventLoop(), network);
        TcpSerialEndpoint e;
        try {
            e = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                    new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("tcp", false));
        } catch (RuntimeException | InterruptedException ex) {
            network.close();
            throw ex;
        }
        this.endpoint = e;
    }

    /**
     * A fresh modem, powered off until a host connects: registered, SIM ready, no PIN, GPRS
     * activation in 10 ms instead of the default 100 ms; links may go anywhere.
     */
    public static VirtualSim800 start() {
        return start(ModemConfig.builder().activationMillis(10).build(), NetworkOptions.defaults());
    }

    public static VirtualSim800 start(ModemConfig config, NetworkOptions options) {
        try {
            return new VirtualSim800(config, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a virtual modem", e);
        }
    }

    /** The serial line for any driver or tool: {@code tcp://127.0.0.1:<port>}. */
    public String serialAddress() {
        InetSocketAddress a = endpoint.localAddress();
        return "tcp://127.0.0.1:" + a.getPort();
    }

    public InetSocketAddress serialSocketAddress() {
        return endpoint.localAddress();
    }

    /** The emulator's own handle, for what this class does not wrap. */
    public VirtualModem modem() {
        return modem;
    }

    /** A driver on the modem's serial line, in-process (no socket), after {@link Sim800#init()}. */
    public Sim800 driver() throws IOException {
        return track(Sim800.open(InProcessTransport.connect(modem)));
    }

    /** A driver on the modem's TCP serial endpoint, after {@link Sim800#init()}. */
    public Sim800 tcpDriver() throws IOException {
        InetSocketAddress a = endpoint.localAddress();
        return track(Sim800.open(TcpTransport.connect("127.0.0.1", a.getPort(), 5_000)));
    }

    private Sim800 track(Sim800 d) throws IOException {
        synchronized (drivers) {
            drivers.add(d);
        }
        try {
            d.init();
        } catch (IOException e) {
            d.close();
            throw e;
        }
        return d;
    }

    // ------------------------------------------------------------------ the control plane

    /** Carries out a control command and waits for it (the control API's Java form). */
    public void control(ControlCommand command) {
        await(modem.control(command));
    }

    public ModemStatus status() {
        return await(modem.status());
    }

    /** The network drops the GPRS context: {@code +PDP: DEACT}. */
    public void pdpDeact() {
        control(new ControlCommand.PdpDeact());
    }

    /** A fault on link {@code id}: RESET (the peer resets), BLACKHOLE, RESTORE. */
    public void linkFault(int id, LinkFault fault) {
        control(new ControlCommand.Link(id, fault));
    }

    /** Registration changes (NONE for a lost network, HOME to come back). */
    public void register(Registration state) {
        control(new ControlCommand.Register(state));
    }

    public void signal(int rssi, int ber) {
        control(new ControlCommand.Signal(rssi, ber));
    }

    /** Rates, latency, loss for the modem's links from now on. */
    public void conditions(LinkConditions conditions) {
        control(new ControlCommand.Network(conditions));
    }

    /** An incoming SMS ({@code +CMTI}). */
    public void sms(String from, String text) {
        control(new ControlCommand.Sms(from, text));
    }

    /** Watches the serial line (bytes both ways); called on the modem's thread. */
    public void observe(SerialObserver observer) {
        await(modem.runAndWait(e -> modem.observe(observer)));
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the modem did not answer within " + CONTROL_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Closes the drivers, the serial endpoint and every link socket. */
    @Override
    public void close() {
        List<Sim800> ds;
        synchronized (drivers) {
            ds = new ArrayList<>(drivers);
            drivers.clear();
        }
        for (Sim800 d : ds) {
            d.close();
        }
        endpoint.close();
        try {
            modem.runAndWait(e -> e.powerOff()).get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new UncheckedIOException(new IOException("stopping the virtual modem: " + e, e));
        } finally {
            network.close();
        }
    }
}
