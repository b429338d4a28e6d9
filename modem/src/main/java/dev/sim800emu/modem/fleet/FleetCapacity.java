package dev.sim800emu.modem.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether this machine can hold a fleet, decided before the first modem starts, so that a fleet
 * that cannot be had is refused with one line instead of failing at modem 7,412: the serial ports
 * must be free and within range, the process must be allowed enough file descriptors
 * (RLIMIT_NOFILE, from {@code /proc/self/limits}), and the kernel must have PTYs to give.
 */
public final class FleetCapacity {
    /** Descriptors kept for the JVM, the control port, DNS and the like. */
    static final int SPARE_FDS = 256;

    private FleetCapacity() {
    }

    /** Descriptors one modem of {@code plan} needs: its serial endpoint's and one live link. */
    public static int fdsPerModem(FleetPlan plan) {
        int serial = plan.tcpBase() != null ? 2 : 0; // listening socket, the host's connection
        serial += plan.ptyDir() != null ? 4 : 0;     // PTY master and slave, the reader's wake-up pipe
        return serial + 1;
    }

    /** Why the fleet cannot start here, or empty. */
    public static Optional<String> check(FleetPlan plan) {
        long need = (long) plan.count() * fdsPerModem(plan) + openFds() + SPARE_FDS;
        long limit = fdLimit();
        if (limit >= 0 && need > limit) {
            return Optional.of(plan.count() + " modems need about " + need + " file descriptors, but this process may "
                    + "open " + limit + " (raise it: ulimit -n " + need + ")");
        }
        if (plan.ptyDir() != null) {
            long free = readLong("/proc/sys/kernel/pty/max") - readLong("/proc/sys/kernel/pty/nr");
            if (free >= 0 && plan.count() > free) {
                return Optional.of(plan.count() + " modems need as many pseudo-terminals, but the kernel has " + free
                        + " left (/proc/sys/kernel/pty/max)");
            }
        }
        if (plan.tcpBase() != null) {
            int first = plan.tcpBase().getPort();
            long last = (long) first + plan.count() - 1;
            if (first < 1 || last > 65535) {
                return Optional.of(plan.count() + " modems from port " + first + " need ports up to " + last
                        + ", past 65535");
            }
            for (int i = 0; i < plan.count(); i++) {
                InetSocketAddress a = plan.tcp(i);
                if (!free(a)) {
                    return Optional.of("port " + a.getPort() + " on " + a.getAddress().getHostAddress()
                            + " is in use (modem " + plan.id(i) + "); choose another --tcp-base");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean free(InetSocketAddress a) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT is usable, one in use is not
            s.bind(a);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The soft RLIMIT_NOFILE, or -1 where /proc does not tell (not Linux) or it is unlimited. */
    public static long fdLimit() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(l -> l.startsWith("Max open files")).findFirst()
                    .map(l -> l.substring("Max open files".length()).trim().split("\\s+")[0])
                    .map(v -> v.equals("unlimited") ? -1L : Long.parseLong(v)).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Descriptors this process has open now, or 0 where /proc does not tell. */
    public static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long readLong(String file) {
        try {
            // Line by line: procfs reports a size of 0, and a whole-file read may stop after one byte.
            try (var in = Files.newBufferedReader(Path.of(file))) {
                return Long.parseLong(in.readLine().trim());
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
