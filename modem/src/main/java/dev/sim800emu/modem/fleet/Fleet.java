package dev.sim800emu.modem.fleet;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.metrics.MeteredNetwork;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.PtyEndpoint;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Many modems in one process on a few shared event loops: each with its own identity (IMEI,
 * ICCID, IMSI from its id, local address from a pool), its own network (links, servers shifted to
 * distinct host ports) and its serial line on a TCP port, a PTY, or nothing (in-process hosts:
 * scripted devices, benchmarks). Registered by id for the control API and metered for /metrics.
 */
public final class Fleet implements AutoCloseable {
    private final FleetPlan plan;
    private final EventLoopGroup group;
    private final ModemRegistry registry = new ModemRegistry();
    private final List<VirtualModem> modems = new ArrayList<>();
    private final List<NettyNetwork> networks = new ArrayList<>();
    private final List<AutoCloseable> endpoints = new ArrayList<>();

    private Fleet(FleetPlan plan, EventLoopGroup group) {
        this.plan = plan;
        this.group = group;
    }

    /**
     * Starts the fleet after {@link FleetCapacity#check} agrees; {@code progress} hears the number
     * of modems started so far. On failure everything started is closed again.
     *
     * @param metrics where the modems are metered, or null
     * @throws FleetException with one line saying why, when the plan cannot be had here
     */
    public static Fleet start(FleetPlan plan, FleetMetrics metrics, IntConsumer progress)
            throws FleetException, InterruptedException {
        Optional<String> refusal = FleetCapacity.check(plan);
        if (refusal.isPresent()) {
            throw new FleetException(refusal.get());
        }
        Fleet fleet = new Fleet(plan, NettyNetwork.newEventLoopGroup(plan.loops()));
        try {
            fleet.startModems(metrics, progress);
            return fleet;
        } catch (FleetException | InterruptedException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void startModems(FleetMetrics metrics, IntConsumer progress) throws FleetException, InterruptedException {
        IpPool primary = IpPool.primary();
        IpPool secondary = IpPool.secondary();
        Class<? extends ServerChannel> serverType = NettyNetwork.serverChannelType(group);
        for (int i = 0; i < plan.count(); i++) {
            ModemConfig config = plan.config(i, primary, secondary);
            EventLoop loop = group.next();
            NettyNetwork net = new NettyNetwork(loop, plan.network(i));
            networks.add(net);
            Network port = metrics == null ? net : new MeteredNetwork(net, metrics);
            VirtualModem modem = new VirtualModem(config, loop, port);
            if (metrics != null) {
                modem.run(e -> modem.observe(metrics.serialMeter()));
            }
            modems.add(modem);
            registry.register(String.valueOf(plan.id(i)), modem);
            openSerial(i, modem, serverType);
            progress.accept(i + 1);
        }
    }

    private void openSerial(int i, VirtualModem modem, Class<? extends ServerChannel> serverType)
            throws FleetException, InterruptedException {
        if (plan.tcpBase() != null) {
            try {
                endpoints.add(TcpSerialEndpoint.start(modem, group, serverType, plan.tcp(i), plan.keepPowered(),
                        new SerialTrace("tcp", false)));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // epoll reports bind failures as a native IOException
                throw new FleetException("modem " + plan.id(i) + ": cannot listen on " + plan.tcp(i).getHostString()
                        + ":" + plan.tcp(i).getPort() + ": " + e.getMessage());
            }
        }
        if (plan.ptyDir() != null) {
            try {
                endpoints.add(PtyEndpoint.open(modem, plan.pty(i)));
            } catch (IOException e) {
                throw new FleetException("modem " + plan.id(i) + ": cannot open a pseudo-terminal at " + plan.pty(i)
                        + ": " + e.getMessage());
            }
        }
    }

    public FleetPlan plan() {
        return plan;
    }

    /** The modems by id, for the control API. */
    public ModemRegistry registry() {
        return registry;
    }

    /** Modem {@code i} of the plan (id {@code plan().id(i)}). */
    public VirtualModem modem(int i) {
        return modems.get(i);
    }

    public int size() {
        return modems.size();
    }

    /** The loops the modems share; listeners of the caller's (the control API) may use them too. */
    public EventLoopGroup group() {
        return group;
    }

    /** Link sockets open across the fleet. */
    public int openLinks() {
        int n = 0;
        for (NettyNetwork net : networks) {
            n += net.openChannels();
        }
        return n;
    }

    /** Closes every endpoint (modems power off, PTY links go), every link, and the loops. */
    @Override
    public void close() {
        for (AutoCloseable e : endpoints) {
            try {
                e.close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        for (NettyNetwork n : networks) {
            n.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
