package dev.sim800emu.bench;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.SessionRecorder;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One emulated modem in this JVM, wired as the CLI wires it: a {@link NettyNetwork} and a
 * {@link TcpSerialEndpoint} on 127.0.0.1:0 sharing one epoll event loop, with a connected
 * {@link BlockingClient} as the host. The modem boots at once, echo is switched off, and links may
 * only go to 127.0.0.0/8.
 */
final class EmulatorRig implements AutoCloseable {
    private static final String BOOT =
            "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final NettyNetwork network;
    private final VirtualModem modem;
    private final TcpSerialEndpoint endpoint;
    /** {@code --record}'s recorder, or null. */
    private final SessionRecorder recorder;
    final BlockingClient host;

    EmulatorRig() throws Exception {
        this(null);
    }

    /** With {@code record} not null, the line is recorded to it from before the host connects, as {@code --record} does. */
    EmulatorRig(Path record) throws Exception {
        DestinationPolicy loopbackOnly = DestinationPolicy.parse(List.of("127.0.0.0/8"), List.of());
        network = new NettyNetwork(group.next(), new NetworkOptions(null, loopbackOnly));
        if (!"epoll".equals(network.transport()) || !network.measuresPeerAcks()) {
            throw new IllegalStateException("the benchmarks need the epoll transport with kernel ACKs, got "
                    + network.transport());
        }
        ModemConfig config = ModemConfig.builder().bootMillis(0).activationMillis(0).build();
        modem = new VirtualModem(config, network.eventLoop(), network);
        recorder = record == null ? null : SessionRecorder.start(modem, config, record);
        endpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group),
                new InetSocketAddress("127.0.0.1", 0), false, new SerialTrace("bench", false));
        host = new BlockingClient(endpoint.localAddress());
        host.awaitText(BOOT);
        host.command("ATE0", "ATE0\r\r\nOK\r\n");
    }

    /** Bugs the engine caught in itself; anything but zero invalidates a run. */
    long internalErrors() {
        long[] n = new long[1];
        modem.runAndWait(e -> n[0] = e.internalErrors()).join();
        return n[0];
    }

    @Override
    public void close() throws Exception {
        long errors = internalErrors();
        host.close();
        endpoint.close();
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (recorder != null) {
            recorder.close();
        }
        if (errors != 0) {
            throw new IllegalStateException("the engine reported " + errors + " internal errors");
        }
    }
}
