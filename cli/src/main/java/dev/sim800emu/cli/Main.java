package dev.sim800emu.cli;

import dev.sim800emu.modem.config.ApnRule;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.control.http.ControlAccess;
import dev.sim800emu.modem.control.http.ControlServer;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.TlsPolicy;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.ModemRegistry;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.scenario.Scenario;
import dev.sim800emu.modem.serial.PtyEndpoint;
import dev.sim800emu.modem.serial.Rfc2217Endpoint;
import dev.sim800emu.modem.serial.SerialTrace;
import dev.sim800emu.modem.serial.TcpSerialEndpoint;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim800emu}: runs one virtual SIM800 whose serial line is a TCP socket (and optionally a
 * pseudo-terminal), until Ctrl-C.
 */
@Command(name = "sim800emu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, // subcommands: CommandLines
        description = {"Runs a virtual SIMCom SIM800 modem. Talk AT commands to its serial line;",
            "its TCP/UDP links are real sockets on this host."},
        footer = {"", "Example:  ./sim800emu --pty /tmp/sim800  then  screen /tmp/sim800 115200",
            "Control:  ./sim800emu --control  then  ./sim800emu ctl pdp-deact  (ctl --help lists the verbs)"})
public final class Main implements Callable<Integer> {

    @Option(names = "--tcp", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7000", converter = HostPort.class,
            description = "Serial line as a raw TCP socket (default: ${DEFAULT-VALUE}).")
    InetSocketAddress tcp;

    @Option(names = "--pty", paramLabel = "PATH",
            description = "Also open a pseudo-terminal and make PATH a symlink to it (for minicom, screen, pyserial).")
    Path pty;

    @Option(names = "--rfc2217", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Also serve the serial line over RFC 2217 (telnet COM-PORT-OPTION) with DTR, RTS, DCD, RI, "
                    + "CTS and DSR: pyserial's rfc2217://HOST:PORT.")
    InetSocketAddress rfc2217;

    @Option(names = "--keep-powered",
            description = "Keep the modem running when the TCP host disconnects (default: a new connection is a fresh power-on).")
    boolean keepPowered;

    @Option(names = "--trace", description = "Log the AT dialog in both directions.")
    boolean trace;

    @Option(names = "--baud-pacing",
            description = "Pace serial output like a real UART at the AT+IPR rate (10 bits per byte).")
    boolean baudPacing;

    @Option(names = "--server-port-offset", paramLabel = "N", defaultValue = "0", converter = Converters.PortOffset.class,
            description = "Added to a modem server port (AT+CIPSERVER) to get the host port (default: ${DEFAULT-VALUE}).")
    int serverPortOffset;

    @Option(names = "--server-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Host address modem servers (AT+CIPSERVER) listen on (default: ${DEFAULT-VALUE}).")
    String serverBind;

    @Option(names = "--dns", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "DNS server for CIPSTART/CDNSGIP lookups (default: this host's resolver).")
    InetSocketAddress dns;

    @Option(names = "--apn", paramLabel = "APN[,USER[,PASSWORD]]", converter = Converters.Apn.class,
            description = "An APN the simulated operator accepts (repeatable). Default: any APN.")
    List<ApnRule> apns = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "CIDR", converter = Converters.Cidr.class,
            description = "Destinations links may reach (repeatable). Default: all; loopback is always allowed unless denied.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "CIDR", converter = Converters.Cidr.class,
            description = "Destinations links may not reach (repeatable).")
    List<String> deny = new ArrayList<>();

    @Option(names = "--local-ip", paramLabel = "A.B.C.D", defaultValue = "10.78.245.128", converter = Converters.Ipv4.class,
            description = "Address the operator gives the modem (AT+CIFSR; default: ${DEFAULT-VALUE}).")
    Inet4Address localIp;

    @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "75000", converter = Converters.ConnectTimeout.class,
            description = "How long CIPSTART waits before CONNECT FAIL, 1..160000 ms (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    @Option(names = "--boot-time", paramLabel = "MS", defaultValue = "0", converter = Converters.BootTime.class,
            description = "Time from power-on or AT+CFUN=1,1 to RDY; input meanwhile is lost, as on the chip "
                    + "(default: ${DEFAULT-VALUE}, ready at once; a real SIM800 takes about 3000).")
    long bootMs;

    @Option(names = "--activation-time", paramLabel = "MS", defaultValue = "100", converter = Converters.ActivationTime.class,
            description = "Time AT+CIICR spends in IP CONFIG (default: ${DEFAULT-VALUE}).")
    long activationMs;

    @Option(names = "--tls", paramLabel = "VERSIONS", converter = Converters.TlsVersions.class,
            description = "TLS versions AT+CIPSSL and HTTPS links offer, e.g. 1.0,1.2 for a later firmware "
                    + "(default: 1.0, as the SIM800's firmware).")
    String tlsVersions;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "PEM CA certificates servers must chain to (default: no verification, as the chip).")
    java.io.File tlsTrust;

    @Mixin
    IdentityOptions identity;

    @Mixin
    ControlOptions controlOptions;

    @Mixin
    DriverTestOptions driverTest;

    @Mixin
    RecordOptions record;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        // Netty's buffer allocator emits JFR events; the first one (the first write to a host)
        // initialises JDK Flight Recorder's event machinery, most of the first power-on's time.
        // Whoever wants the events passes -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        if (CommandLines.leanSuffices(args)) { // a modem is starting, not a subcommand
            Warmup.start();
        }
        System.exit(CommandLines.forArgs(args).execute(args));
    }

    /** The full picocli command line, subcommands included: bad options give one clear line and exit code 2. */
    static CommandLine commandLine(Main main) {
        return CommandLines.full(main);
    }

    private static String bindFailure(Exception e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("in use")) {
            return "address already in use";
        }
        if (msg.contains("ermission")) {
            return "permission denied";
        }
        if (msg.contains("assign")) {
            return "no such local address";
        }
        return msg;
    }

    /** The modem's configuration; the option values have been checked while parsing. */
    ModemConfig config() {
        ModemConfig.Builder b = ModemConfig.builder()
                .localIp(localIp)
                .connectTimeoutMillis(connectTimeoutMs)
                .bootMillis(bootMs)
                .activationMillis(activationMs)
                .apnRules(apns);
        identity.applyTo(b, spec.commandLine());
        return b.build();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModemConfig config = config();
        DestinationPolicy policy = DestinationPolicy.parse(allow, deny);
        // Host names are looked up once, here, before any event loop runs.
        InetSocketAddress bind = resolved(tcp);
        InetSocketAddress rfcBind = resolved(rfc2217);
        InetSocketAddress dnsServer = resolved(dns);
        InetSocketAddress controlBind = resolved(controlOptions.control);
        for (Object[] option : new Object[][] {{"--tcp", bind}, {"--rfc2217", rfcBind}, {"--dns", dnsServer},
            {"--control", controlBind}}) {
            InetSocketAddress a = (InetSocketAddress) option[1];
            if (a != null && a.isUnresolved()) {
                return badOption(err, (String) option[0], "cannot resolve host '" + a.getHostString() + "'");
            }
        }
        InetAddress serverAddress;
        try {
            serverAddress = InetAddress.getByName(serverBind);
        } catch (UnknownHostException e) {
            return badOption(err, "--server-bind", "cannot resolve host '" + serverBind + "'");
        }
        if (controlBind != null) {
            try {
                ControlAccess.forBind(controlBind, controlOptions.token);
            } catch (IllegalArgumentException e) {
                return badOption(err, "--control", e.getMessage());
            }
        }
        // Modem servers: the port comes from AT+CIPSERVER, hence -1.
        Exposure.warn(err, java.util.Arrays.asList(Exposure.Listener.of("--tcp", bind),
                Exposure.Listener.of("--rfc2217", rfcBind), new Exposure.Listener("--server-bind", serverAddress, -1),
                Exposure.Listener.of("--control", controlBind)));
        Scenario scenario;
        try {
            scenario = controlOptions.loadScenario();
        } catch (IllegalArgumentException e) {
            err.println("sim800emu: " + e.getMessage());
            return 2;
        }
        // Without --tls/--tls-trust the network makes the chip's policy when the first TLS link opens:
        // its SSLContext took ~150 ms of start-up, for a modem that may never speak TLS.
        TlsPolicy tls = null;
        try {
            if (tlsVersions != null || tlsTrust != null) {
                tls = new TlsPolicy(tlsVersions != null ? List.of(tlsVersions.split(",")) : TlsPolicy.CHIP_VERSIONS,
                        tlsTrust);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return badOption(err, tlsTrust != null ? "--tls-trust" : "--tls", e.getMessage());
        }
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        NettyNetwork network = null;
        TcpSerialEndpoint tcpEndpoint = null;
        PtyEndpoint ptyEndpoint = null;
        Rfc2217Endpoint rfcEndpoint = null;
        ControlServer controlServer = null;
        try {
            network = new NettyNetwork(group.next(), new NetworkOptions(dnsServer, policy, serverAddress,
                    serverPortOffset), tls);
            VirtualModem modem = new VirtualModem(config, network.eventLoop(), network);
            driverTest.apply(modem, out, err);
            if (!record.apply(modem, config, out, err)) {
                return 1;
            }
            if (scenario != null) {
                // before the serial endpoint opens, so that the first host starts the scenario's clock
                modem.play(scenario, ControlOptions.log(out));
            }
            try {
                tcpEndpoint = TcpSerialEndpoint.start(modem, group, NettyNetwork.serverChannelType(group), bind,
                        keepPowered, baudPacing, new SerialTrace("tcp", trace));
            } catch (Exception e) {
                // epoll reports bind failures as a native IOException, NIO as BindException.
                err.println("sim800emu: cannot listen on " + hostPort(bind) + ": " + bindFailure(e));
                return 1;
            }
            out.println("sim800emu: modem serial line on tcp://" + hostPort(tcpEndpoint.localAddress()));
            if (rfcBind != null) {
                try {
                    rfcEndpoint = Rfc2217Endpoint.start(modem, group, NettyNetwork.serverChannelType(group), rfcBind,
                            keepPowered, baudPacing, new SerialTrace("rfc2217", trace));
                } catch (Exception e) {
                    err.println("sim800emu: cannot listen on " + hostPort(rfcBind) + ": " + bindFailure(e));
                    return 1;
                }
                out.println("sim800emu: modem serial line on rfc2217://" + hostPort(rfcEndpoint.localAddress()));
            }
            if (pty != null) {
                try {
                    ptyEndpoint = PtyEndpoint.open(modem, pty);
                } catch (IOException e) {
                    err.println("sim800emu: cannot open a pseudo-terminal at " + pty + ": " + ptyFailure(e));
                    return 1;
                }
                out.println("sim800emu: modem serial line on " + ptyEndpoint.link() + " -> "
                        + ptyEndpoint.slavePath());
            }
            if (controlBind != null) {
                try {
                    controlServer = ControlServer.start(ModemRegistry.of(modem), group,
                            NettyNetwork.serverChannelType(group), controlBind, controlOptions.token);
                } catch (Exception e) {
                    err.println("sim800emu: cannot listen on " + hostPort(controlBind) + ": " + bindFailure(e));
                    return 1;
                }
                out.println("sim800emu: control API on http://" + hostPort(controlServer.localAddress())
                        + "/modems, live view on http://" + hostPort(controlServer.localAddress()) + "/");
            }
            out.println("sim800emu: press Ctrl-C to stop");
            out.flush();
            TcpSerialEndpoint t = tcpEndpoint;
            PtyEndpoint p = ptyEndpoint;
            Rfc2217Endpoint r = rfcEndpoint;
            ControlServer c = controlServer;
            NettyNetwork n = network;
            Thread hook = new Thread(() -> {
                driverTest.finish();
                if (r != null) {
                    r.close();
                }
                if (c != null) {
                    c.close();
                }
                shutdown(t, p, n, group);
            }, "sim800emu-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stopped.await();
            return 0;
        } finally {
            if (stopped.getCount() > 0) {
                driverTest.finish();
                if (rfcEndpoint != null) {
                    rfcEndpoint.close();
                }
                if (controlServer != null) {
                    controlServer.close();
                }
                shutdown(tcpEndpoint, ptyEndpoint, network, group);
            }
        }
    }

    /** A value picocli could not check: reported like picocli's own parameter errors. */
    private static int badOption(PrintWriter err, String option, String problem) {
        err.println("sim800emu: Invalid value for option '" + option + "': " + problem + " (try --help)");
        return 2;
    }

    private static String ptyFailure(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : String.valueOf(f.getMessage());
        }
        return String.valueOf(e.getMessage());
    }

    private void shutdown(TcpSerialEndpoint tcpEndpoint, PtyEndpoint ptyEndpoint, NettyNetwork network,
                          EventLoopGroup group) {
        try {
            if (ptyEndpoint != null) {
                ptyEndpoint.close();
            }
            if (tcpEndpoint != null) {
                tcpEndpoint.close();
            }
            if (network != null) {
                network.close();
            }
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("sim800emu: error while stopping: " + e);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            record.finish();
            stopped.countDown();
        }
    }

    /** Resolves a HOST:PORT option (unresolved if the name is unknown), or null for null. */
    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a == null ? null : new InetSocketAddress(a.getHostString(), a.getPort());
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sim800emu " + (v == null ? "dev" : v)};
        }
    }
}
