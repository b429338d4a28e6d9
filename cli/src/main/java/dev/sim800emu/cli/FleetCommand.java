package dev.sim800emu.cli;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.http.ControlAccess;
import dev.sim800emu.modem.control.http.ControlServer;
import dev.sim800emu.modem.device.DeviceScript;
import dev.sim800emu.modem.device.DeviceStats;
import dev.sim800emu.modem.device.ScriptedDevice;
import dev.sim800emu.modem.fleet.Fleet;
import dev.sim800emu.modem.fleet.FleetException;
import dev.sim800emu.modem.fleet.FleetPlan;
import dev.sim800emu.modem.fleet.IpPool;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim800emu fleet --count N}: N modems in this process on one event loop per core, each with
 * its own identity and serial line (TCP port base+i, or a PTY per modem), the control API with
 * fleet-wide selections and Prometheus metrics, and optionally a scripted device on each modem.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs many virtual SIM800 modems in one process, until Ctrl-C.",
            "Modem i has id FIRST+i, the IMEI/ICCID/IMSI and local address of that id, and its serial line on",
            "port BASE+i (--tcp-base) or DIR/modem-ID (--pty-dir)."},
        footer = {"", "Example:  ./sim800emu fleet --count 1000 --tcp-base 127.0.0.1:20000 --control",
            "          ./sim800emu ctl --select 10% --seed 7 register searching"})
final class FleetCommand implements Callable<Integer> {

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many modems.")
    int count;

    @Option(names = "--tcp-base", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Modem i's serial line is a TCP socket on PORT+i.")
    InetSocketAddress tcpBase;

    @Option(names = "--pty-dir", paramLabel = "DIR", description = "A pseudo-terminal per modem, linked as DIR/modem-ID.")
    Path ptyDir;

    @Option(names = "--first-id", paramLabel = "N", defaultValue = "0",
            description = "The first modem's id (default: ${DEFAULT-VALUE}); ids pick identities and addresses.")
    int firstId;

    @Option(names = "--slice", paramLabel = "K",
            description = "This process is slice K of a bigger fleet: the first id is K*count (a pod's index).")
    Integer slice;

    @Option(names = "--loops", paramLabel = "N", description = "Event loops the modems share (default: one per core).")
    Integer loops;

    @Option(names = "--keep-powered", description = "Modems keep running when their TCP host disconnects.")
    boolean keepPowered;

    @Option(names = "--boot-time", paramLabel = "MS", defaultValue = "0", converter = Converters.BootTime.class,
            description = "Time from power-on to RDY (default: ${DEFAULT-VALUE}).")
    long bootMs;

    @Option(names = "--server-port-offset", paramLabel = "N", defaultValue = "0", converter = Converters.PortOffset.class,
            description = "Modem i's server port P (AT+CIPSERVER) listens on host port P+N+i (default N: ${DEFAULT-VALUE}).")
    int serverPortOffset;

    @Option(names = "--control", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = ControlOptions.DEFAULT_CONTROL,
            converter = HostPort.class,
            description = "Serve the control API and GET /metrics (bare: " + ControlOptions.DEFAULT_CONTROL + ").")
    InetSocketAddress control;

    @Option(names = "--control-token", paramLabel = "TOKEN", description = "Every control request needs this bearer token.")
    String token;

    @Option(names = "--device-target", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Put a scripted device on every modem: GPRS up, a TCP link to HOST:PORT, a message every period.")
    InetSocketAddress deviceTarget;

    @Option(names = "--device-period", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between a device's messages (default: ${DEFAULT-VALUE}).")
    double devicePeriod;

    @Option(names = "--device-message", paramLabel = "TEMPLATE", defaultValue = "{imei} {seq}\\n",
            description = "The message; {id}, {imei}, {seq}, {nanos} are filled in (default: ${DEFAULT-VALUE}).")
    String deviceMessage;

    @Option(names = "--device-mqtt", paramLabel = "TOPIC",
            description = "Send each message as an MQTT 3.1.1 PUBLISH (QoS 0) on TOPIC, after a CONNECT.")
    String deviceMqtt;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Host names are looked up once, here (the converter leaves them unresolved).
        tcpBase = resolved(tcpBase);
        control = resolved(control);
        deviceTarget = resolved(deviceTarget);
        if (tcpBase != null && tcpBase.isUnresolved() || control != null && control.isUnresolved()) {
            return bad(err, "cannot resolve a host name in --tcp-base or --control");
        }
        if (control != null) {
            try {
                ControlAccess.forBind(control, token);
            } catch (IllegalArgumentException e) {
                return bad(err, e.getMessage());
            }
        }
        FleetPlan plan;
        DeviceScript script;
        try {
            int first = slice != null ? Math.multiplyExact(slice, count) : firstId;
            int threads = loops != null ? loops : Runtime.getRuntime().availableProcessors();
            plan = new FleetPlan(count, first, tcpBase, ptyDir, ModemConfig.builder().bootMillis(bootMs).build(),
                    new NetworkOptions(null, dev.sim800emu.modem.net.DestinationPolicy.allowAll(),
                            java.net.InetAddress.getLoopbackAddress(), serverPortOffset), threads, keepPowered);
            script = deviceTarget == null ? null : deviceScript();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return bad(err, e.getMessage());
        }
        if (ptyDir != null) {
            try {
                java.nio.file.Files.createDirectories(ptyDir);
            } catch (java.io.IOException e) {
                err.println("sim800emu fleet: cannot create " + ptyDir + ": " + e.getMessage());
                return 1;
            }
        }
        FleetMetrics metrics = new FleetMetrics();
        Progress progress = new Progress(out, count, System.console() != null);
        Fleet fleet;
        try {
            fleet = Fleet.start(plan, metrics, progress::update);
        } catch (FleetException e) {
            err.println("sim800emu fleet: " + e.getMessage());
            return 1;
        }
        progress.done();
        ControlServer server = null;
        try {
            if (control != null) {
                try {
                    server = ControlServer.start(fleet.registry(), fleet.group(),
                            NettyNetwork.serverChannelType(fleet.group()), control, token, metrics);
                } catch (Exception e) {
                    err.println("sim800emu fleet: cannot listen on " + control.getHostString() + ":" + control.getPort()
                            + ": " + e.getMessage());
                    return 1;
                }
                out.println("sim800emu: control API on http://" + control.getHostString() + ":"
                        + server.localAddress().getPort() + "/modems, metrics on /metrics, live view on /");
            }
            if (script != null) {
                DeviceStats stats = new DeviceStats(metrics.registry());
                IpPool primary = IpPool.primary();
                IpPool secondary = IpPool.secondary();
                for (int i = 0; i < fleet.size(); i++) {
                    String imei = plan.config(i, primary, secondary).identity().imei();
                    new ScriptedDevice(script, String.valueOf(plan.id(i)), imei, fleet.modem(i).eventLoop(), stats,
                            plan.id(i)).attach(fleet.modem(i));
                }
                out.println("sim800emu: a scripted device on every modem, sending to " + deviceTarget.getHostString()
                        + ":" + deviceTarget.getPort());
            }
            out.println("sim800emu: " + count + " modems, ids " + plan.id(0) + ".." + plan.id(count - 1)
                    + (tcpBase != null ? ", serial lines on tcp://" + tcpBase.getHostString() + ":" + tcpBase.getPort()
                    + ".." + (tcpBase.getPort() + count - 1) : "")
                    + (ptyDir != null ? ", PTYs in " + ptyDir : "") + "; press Ctrl-C to stop");
            out.flush();
            ControlServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (s != null) {
                    s.close();
                }
                fleet.close();
                stopped.countDown();
            }, "sim800emu-fleet-shutdown"));
            stopped.await();
            return 0;
        } finally {
            if (stopped.getCount() > 0) {
                if (server != null) {
                    server.close();
                }
                fleet.close();
            }
        }
    }

    private DeviceScript deviceScript() {
        if (deviceTarget.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + deviceTarget.getHostString() + "' of --device-target");
        }
        long periodMs = Math.round(devicePeriod * 1000);
        DeviceScript s = new DeviceScript(deviceTarget, periodMs, deviceMessage.replace("\\n", "\n").replace("\\r", "\r"),
                null, "internet", 1_000, 60_000);
        return deviceMqtt == null ? s : s.withMqtt(deviceMqtt);
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a == null ? null : new InetSocketAddress(a.getHostString(), a.getPort());
    }

    private static int bad(PrintWriter err, String message) {
        err.println("sim800emu fleet: " + message + " (try --help)");
        return 2;
    }

    /** Start progress: a bar redrawn in place on a terminal, a plain line every tenth otherwise. */
    static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private final int total;
        private final boolean terminal;
        private long lastDraw;
        private int lastTenth;

        Progress(PrintWriter out, int total, boolean terminal) {
            this.out = out;
            this.total = total;
            this.terminal = terminal;
        }

        void update(int started) {
            if (terminal) {
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L || started == total) {
                    lastDraw = now;
                    int filled = (int) ((long) started * WIDTH / total);
                    out.print("\rstarting [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + started + "/"
                            + total + " modems");
                    out.flush();
                }
            } else {
                int tenth = (int) ((long) started * 10 / total);
                if (tenth > lastTenth || started == total) {
                    lastTenth = tenth;
                    out.println("sim800emu: " + started + " of " + total + " modems started");
                    out.flush();
                }
            }
        }

        void done() {
            if (terminal) {
                out.println();
                out.flush();
            }
        }
    }
}
