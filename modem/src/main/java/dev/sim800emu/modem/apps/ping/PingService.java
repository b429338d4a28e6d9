package dev.sim800emu.modem.apps.ping;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.time.ModemClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * AT+CIPPING (manual §10.2.1; sim800-apps.md §5.1): echo requests one after another over the CIP
 * context, each line printed as its request ends — {@code +CIPPING: <n>,"<ip>",<time>,<ttl>} with
 * the round trip in 100 ms units, or {@code 600,255} for a request that got no reply within
 * {@code <timeout>} — then OK. The next request goes out as soon as one ends.
 */
public final class PingService {
    /** The reply time and TTL the chip prints for a lost request. */
    static final String LOST = "600,255";

    private final PingHost host;
    /** The parameters of the last ping, which the read form shows; the manual's defaults first. */
    int retries = 4;
    int dataLength = 32;
    int timeout = 100;
    int ttl = 64;
    private Run running;

    public PingService(PingHost host) {
        this.host = host;
    }

    /** Power loss or reset: a ping in progress stops silently. */
    public void reset() {
        if (running != null) {
            running.stop();
        }
        retries = 4;
        dataLength = 32;
        timeout = 100;
        ttl = 64;
    }

    Result ping(CommandContext ctx, String target, int retries, int dataLength, int timeout, int ttl) {
        if (!host.contextActive()) {
            return Result.ERROR;
        }
        this.retries = retries;
        this.dataLength = dataLength;
        this.timeout = timeout;
        this.ttl = ttl;
        Run run = new Run(ctx);
        running = run;
        byte[] literal = ModemConfig.parseIpv4(target);
        if (literal != null) {
            run.start(literal);
        } else {
            host.network().resolve(target, new ResolveCallback() {
                @Override
                public void onResolved(List<InetAddress> addresses) {
                    run.start(addresses.get(0).getAddress());
                }

                @Override
                public void onFailed(boolean notFound) {
                    run.finish(Result.ERROR); // a name that does not resolve (suggested)
                }
            });
        }
        // A network that answers at once (a cached name) may have ended the run already.
        run.returned = true;
        return run.early != null ? run.early : Result.PENDING;
    }

    /** One AT+CIPPING: its requests in turn, then the final result; ends exactly once. */
    private final class Run {
        private final CommandContext ctx;
        private InetAddress address;
        private int sent;
        private ModemClock.Timer deadline;
        private boolean over;
        /** The handler has returned PENDING: the outcome goes through {@link CommandContext#complete}. */
        boolean returned;
        /** The outcome when the run ended before the handler returned. */
        Result early;

        Run(CommandContext ctx) {
            this.ctx = ctx;
        }

        void start(byte[] ip) {
            if (over) {
                return;
            }
            try {
                address = InetAddress.getByAddress(ip);
            } catch (UnknownHostException e) {
                finish(Result.ERROR);
                return;
            }
            next();
        }

        private void next() {
            if (sent == retries) {
                finish(Result.OK);
                return;
            }
            if (!host.contextActive()) {
                finish(Result.ERROR); // the context dropped meanwhile (+PDP: DEACT ends the command)
                return;
            }
            int id = ++sent;
            deadline = host.clock().schedule(timeout * 100L, () -> end(id, LOST));
            host.network().ping(address, dataLength, ttl, timeout * 100L,
                    (millis, hops) -> end(id, Math.max(1, (millis + 99) / 100) + "," + hops));
        }

        /** Request {@code id} ended: its line, then the next request (a late reply is ignored). */
        private void end(int id, String timeAndTtl) {
            if (over || id != sent || deadline == null) {
                return;
            }
            deadline.cancel();
            deadline = null;
            ctx.out().info("+CIPPING: " + id + ",\"" + address.getHostAddress() + "\"," + timeAndTtl);
            next();
        }

        void finish(Result result) {
            if (!over) {
                stop();
                if (returned) {
                    ctx.complete(result);
                } else {
                    early = result;
                }
            }
        }

        void stop() {
            over = true;
            if (deadline != null) {
                deadline.cancel();
            }
            if (running == this) {
                running = null;
            }
        }
    }
}
