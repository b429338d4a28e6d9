package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.time.ModemClock;
import java.net.InetAddress;
import java.util.List;

/**
 * A name lookup that ends within a time limit, whatever the DNS server does. The chip gives
 * CIPSTART 75 s from the command to CONNECT OK or CONNECT FAIL, lookup included; without a limit
 * here a slow or silent DNS server (a real one, or {@code ctl dns slow}) would stretch that to
 * whenever it answers. An answer after the limit is dropped: the outcome is the timeout.
 */
final class TimedLookup {

    /** What became of the lookup; exactly one method is called, at most once. */
    interface Outcome {
        /** Answered in time; {@code leftMillis} of the limit remain (at least 1). */
        void resolved(List<InetAddress> addresses, long leftMillis);

        /** The server answered no such name ({@code notFound}) or could not be asked. */
        void failed(boolean notFound);

        /** No answer within the limit. */
        void timedOut();
    }

    private TimedLookup() {
    }

    static void start(TcpIpHost host, String name, long limitMillis, Outcome outcome) {
        ModemClock clock = host.clock();
        long started = clock.nowMillis();
        boolean[] over = new boolean[1];
        ModemClock.Timer timer = clock.schedule(limitMillis, () -> {
            if (!over[0]) {
                over[0] = true;
                outcome.timedOut();
            }
        });
        host.network().resolve(name, new ResolveCallback() {
            @Override
            public void onResolved(List<InetAddress> addresses) {
                if (!over[0]) {
                    over[0] = true;
                    timer.cancel();
                    outcome.resolved(addresses, Math.max(1, limitMillis - (clock.nowMillis() - started)));
                }
            }

            @Override
            public void onFailed(boolean notFound) {
                if (!over[0]) {
                    over[0] = true;
                    timer.cancel();
                    outcome.failed(notFound);
                }
            }
        });
    }
}
