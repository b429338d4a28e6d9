package dev.sim800emu.cli.replay;

import dev.sim800emu.cli.HostPort;
import dev.sim800emu.driver.transport.Transports;
import dev.sim800emu.modem.record.DiffReport;
import dev.sim800emu.modem.record.Normalisation;
import dev.sim800emu.modem.record.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sim800emu replay FILE --as-modem|--as-host}: docs/record-replay.md. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a recording (--record, or an import): --as-modem plays the modem's side to a host,",
            "--as-host drives a modem with the host's side and reports the replies that differ.",
            "Exit status: 0 the same, 1 different, 2 a malformed file or a bad option."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The recording.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Role role;

    static final class Role {
        @Option(names = "--as-modem", required = true, description = "Listen like the emulator and play the modem's side.")
        boolean asModem;

        @Option(names = "--as-host", required = true,
                description = "Send the host's side to a modem (in-process emulator by default) and compare the replies.")
        boolean asHost;
    }

    enum Timing { recorded, fast }

    @Option(names = "--timing", paramLabel = "recorded|fast", defaultValue = "fast",
            description = "fast: each side answers as soon as the other's bytes are in; recorded: not before the "
                    + "recorded time either (default: ${DEFAULT-VALUE}).")
    Timing timing;

    @Option(names = "--tcp", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7000", converter = HostPort.class,
            description = "--as-modem: the serial line as a raw TCP socket (default: ${DEFAULT-VALUE}).")
    InetSocketAddress tcp;

    @Option(names = "--pty", paramLabel = "PATH", arity = "0..1", fallbackValue = "/tmp/sim800emu-replay",
            description = "--as-modem: the serial line as a pseudo-terminal, PATH a symbolic link to it "
                    + "(default PATH: ${FALLBACK-VALUE}), instead of --tcp.")
    Path pty;

    @Option(names = "--connect", paramLabel = "[rfc2217://]HOST:PORT",
            description = "--as-host: a modem's TCP serial line (an emulator, a serial-to-TCP bridge); rfc2217:// "
                    + "for an RFC 2217 server: DTR and RTS are replayed and the modem's lines compared.")
    String connect;

    @Option(names = "--port", paramLabel = "DEVICE", description = "--as-host: a modem on a serial port (/dev/ttyUSB0).")
    String port;

    @Option(names = "--baud", paramLabel = "RATE", defaultValue = "115200",
            description = "--port's rate (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--normalise", paramLabel = "ip,port,imei,crlf",
            description = "--as-host: parts a reply may differ in: addresses, ports, IMEIs, line ends.")
    String normalise;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000",
            description = "How long to wait beyond the recorded time for a reply (--as-host) or the host "
                    + "(--as-modem) (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--quiet", paramLabel = "MS", defaultValue = "300",
            description = "--as-host: after a reply that differs, the silence that ends it (default: ${DEFAULT-VALUE}).")
    int quietMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Normalisation> norm = EnumSet.noneOf(Normalisation.class);
        try {
            if (normalise != null) {
                norm = Normalisation.parse(normalise);
            }
        } catch (IllegalArgumentException e) {
            return bad(err, "--normalise", e.getMessage());
        }
        if (timeoutMs < 1 || quietMs < 1) {
            return bad(err, timeoutMs < 1 ? "--timeout" : "--quiet", "must be at least 1 ms");
        }
        if (connect != null && port != null) {
            return bad(err, "--connect", "give --connect or --port, not both");
        }
        if (role.asModem && (connect != null || port != null || normalise != null)) {
            return bad(err, connect != null ? "--connect" : port != null ? "--port" : "--normalise",
                    "only with --as-host");
        }
        if (role.asHost && pty != null) {
            return bad(err, "--pty", "only with --as-modem");
        }
        InetSocketAddress target = null;
        if (connect != null) {
            try {
                target = new HostPort().convert(connect.replaceFirst("^(tcp|rfc2217)://", ""));
            } catch (CommandLine.TypeConversionException e) {
                return bad(err, "--connect", e.getMessage());
            }
        }
        Recording recording = Recordings.read(file, err);
        if (recording == null) {
            return Recordings.BAD_INPUT;
        }
        return role.asModem ? (pty != null ? asModemOnPty(recording, out, err) : asModem(recording, out, err))
                : asHost(recording, target, norm, out, err);
    }

    private int asModem(Recording recording, PrintWriter out, PrintWriter err) throws Exception {
        InetSocketAddress bind = new InetSocketAddress(tcp.getHostString(), tcp.getPort());
        if (bind.isUnresolved()) {
            return bad(err, "--tcp", "cannot resolve host '" + tcp.getHostString() + "'");
        }
        TcpHostSide server;
        try {
            server = TcpHostSide.listen(bind);
        } catch (IOException e) {
            err.println("sim800emu: cannot listen on " + tcp.getHostString() + ":" + tcp.getPort() + ": " + e.getMessage());
            return 1;
        }
        try (server) {
            out.println("sim800emu: replaying " + file + " as the modem on tcp://" + bind.getHostString() + ":"
                    + server.port());
            out.flush();
            int status = new ModemReplay(recording, timing == Timing.recorded, timeoutMs).serve(server, out);
            out.flush();
            return status;
        }
    }

    private int asModemOnPty(Recording recording, PrintWriter out, PrintWriter err) throws Exception {
        PtyHostSide side;
        try {
            side = new PtyHostSide(pty);
        } catch (IOException | UnsatisfiedLinkError e) {
            err.println("sim800emu: cannot open a pseudo-terminal at " + pty + ": " + e.getMessage());
            return 1;
        }
        try (side) {
            out.println("sim800emu: replaying " + file + " as the modem on " + pty + " -> " + side.slavePath());
            out.flush();
            int status = new ModemReplay(recording, timing == Timing.recorded, timeoutMs).serve(side, out);
            out.flush();
            return status;
        }
    }

    private int asHost(Recording recording, InetSocketAddress target, Set<Normalisation> norm, PrintWriter out,
                       PrintWriter err) throws Exception {
        Received received = new Received();
        ReplayLink link;
        try {
            if (target != null && connect.startsWith("rfc2217://")) {
                link = new Rfc2217Link(target, received);
            } else if (target != null) {
                String address = "tcp://" + target.getHostString() + ":" + target.getPort();
                link = new StreamLink(address, () -> Transports.open(address), received);
            } else if (port != null) {
                String address = "serial:" + port + "?baud=" + baud;
                link = new StreamLink(port, () -> Transports.open(address), received);
            } else {
                link = new InProcessLink(recording, received);
            }
        } catch (IllegalArgumentException e) {
            err.println("sim800emu: cannot reach the modem: " + e.getMessage());
            return 1;
        }
        DiffReport report;
        try (link) {
            out.println("sim800emu: replaying " + file + " as the host to " + link.describe());
            out.flush();
            report = new HostReplay(recording, timing == Timing.recorded, quietMs, timeoutMs).run(link, received, norm);
        } catch (IOException e) {
            err.println("sim800emu: cannot reach the modem: " + e.getMessage());
            return 1;
        }
        report.lines().forEach(out::println);
        out.flush();
        return report.identical() ? 0 : 1;
    }

    private static int bad(PrintWriter err, String option, String problem) {
        err.println("sim800emu: Invalid value for option '" + option + "': " + problem + " (try --help)");
        err.flush();
        return Recordings.BAD_INPUT;
    }
}
