package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.record.ModemSide;
import dev.sim800emu.modem.record.Recording;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --as-modem}: serves a host on a {@link HostSide} and plays the recording's modem side
 * to it ({@link ModemSide}); where the recording has the host leave and a host come back, it waits
 * for that too. Returns 0 when the host sent what the recording has, 1 when it sent something else,
 * went silent for {@code timeout}, left early or did not come back.
 */
final class ModemReplay {
    private static final int LINGER_MILLIS = 300;

    private final Recording recording;
    private final boolean recordedTiming;
    private final int timeoutMillis;

    ModemReplay(Recording recording, boolean recordedTiming, int timeoutMillis) {
        this.recording = recording;
        this.recordedTiming = recordedTiming;
        this.timeoutMillis = timeoutMillis;
    }

    int serve(HostSide hosts, PrintWriter out) throws IOException, InterruptedException {
        hosts.awaitHost(0);
        ModemSide side = new ModemSide(recording, hosts.seesHostsLeave());
        int sent = send(side.start(), hosts);
        byte[] buf = new byte[4096];
        while (!side.finished()) {
            int n = hosts.read(buf, timeoutMillis);
            if (n == 0) {
                out.println("replay: the host sent nothing for " + timeoutMillis + " ms; waiting for " + side.waitingFor());
                return 1;
            }
            if (n < 0) {
                if (!side.hostLeft()) {
                    out.println("replay: the host closed the line; waiting for " + side.waitingFor());
                    return 1;
                }
                if (side.finished()) {
                    return done(out, sent);
                }
                out.println("replay: the host left, as recorded; waiting for " + side.waitingFor());
                out.flush();
                if (!hosts.awaitHost(timeoutMillis)) {
                    out.println("replay: no host came for " + timeoutMillis + " ms; waiting for " + side.waitingFor());
                    return 1;
                }
                sent += send(side.hostCame(), hosts);
                continue;
            }
            sent += send(side.fromHost(buf, 0, n), hosts);
            if (side.divergence() != null) {
                out.println("replay: " + side.divergence());
                return 1;
            }
        }
        // the host's last bytes may cross the end of the recording: listen a moment for anything extra
        int n = hosts.read(buf, LINGER_MILLIS);
        if (n > 0) {
            side.fromHost(buf, 0, n);
            out.println("replay: " + side.divergence());
            return 1;
        }
        return done(out, sent);
    }

    private static int done(PrintWriter out, int sent) {
        out.println("replay: the host sent what the recording has; " + sent + " modem events played");
        return 0;
    }

    private int send(List<ModemSide.Send> sends, HostSide hosts) throws IOException, InterruptedException {
        for (ModemSide.Send s : sends) {
            if (recordedTiming && s.delayMicros() > 0) {
                TimeUnit.MICROSECONDS.sleep(s.delayMicros());
            }
            hosts.write(s.bytes());
        }
        return sends.size();
    }
}
