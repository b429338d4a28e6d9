package dev.sim800emu.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's security warning: every listening socket binds loopback unless told otherwise,
 * and one told otherwise gets a line on stderr, because the serial line, RFC 2217 and the modem
 * servers have no authentication at all — anyone who can reach the address drives the modem or
 * its links. (The control API goes further and refuses such an address without a token.)
 */
final class Exposure {
    private Exposure() {
    }

    /** One listening socket: the option that placed it and where it listens. */
    record Listener(String option, InetAddress address, int port) {
        static Listener of(String option, InetSocketAddress a) {
            return a == null || a.isUnresolved() ? null : new Listener(option, a.getAddress(), a.getPort());
        }
    }

    /** The warning lines for the listeners not on loopback (null entries are skipped). */
    static List<String> warnings(List<Listener> listeners) {
        List<String> lines = new ArrayList<>();
        for (Listener l : listeners) {
            if (l != null && !l.address().isLoopbackAddress()) {
                String where = l.port() < 0 ? l.address().getHostAddress()
                        : l.address().getHostAddress() + ":" + l.port();
                lines.add("sim800emu: warning: " + l.option() + " listens on " + where
                        + ", not loopback: anyone who can reach it can use it");
            }
        }
        return lines;
    }

    static void warn(PrintWriter err, List<Listener> listeners) {
        warnings(listeners).forEach(err::println);
        err.flush();
    }
}
