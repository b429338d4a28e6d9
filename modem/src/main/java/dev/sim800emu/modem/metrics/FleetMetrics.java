package dev.sim800emu.modem.metrics;

import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.runtime.ControlledModem;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The fleet's meters, in Prometheus form ({@code GET /metrics} on the control port). Counters and
 * the command-latency histogram are shared by every modem and updated from the modems' own loops
 * (Micrometer's counters take that without locks); labels are bounded sets (directions, URC kinds,
 * states), never modem ids, so ten thousand modems cost no more series than one. Per-state gauges
 * are taken from the modems' status when a scrape asks for them.
 */
public final class FleetMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Counter hostBytes = bytes("serial", "host_to_modem");
    final Counter modemBytes = bytes("serial", "modem_to_host");
    final Counter uplinkBytes = bytes("link", "up");
    final Counter downlinkBytes = bytes("link", "down");
    final Counter linksOpened = Counter.builder("sim800_links_opened").description("links the modems opened")
            .register(registry);
    final Counter linkFailures = Counter.builder("sim800_link_failures")
            .description("links that could not be opened (CONNECT FAIL)").register(registry);
    final Counter linksClosed = Counter.builder("sim800_links_closed")
            .description("open links closed by the peer or the network").register(registry);
    final Timer commandLatency = Timer.builder("sim800_command_latency")
            .description("from the end of a command line to its final result (OK, ERROR, SHUT OK, the > prompt …)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(120))
            .register(registry);
    private final Map<String, Counter> errors = new TreeMap<>();
    private final Map<String, Counter> urcs = new TreeMap<>();
    private final MultiGauge modemsByPower = MultiGauge.builder("sim800_modems")
            .description("modems by power state").register(registry);
    private final MultiGauge modemsByIpState = MultiGauge.builder("sim800_modems_ip_state")
            .description("modems by IP state (what AT+CIPSTATUS prints as STATE)").register(registry);
    private final MultiGauge linksByState = MultiGauge.builder("sim800_links")
            .description("link slots by state (INITIAL slots not counted)").register(registry);

    public FleetMetrics() {
        for (String kind : SerialMeter.ERROR_KINDS) {
            errors.put(kind, Counter.builder("sim800_command_errors").tag("result", kind)
                    .description("final results that are failures").register(registry));
        }
        for (String kind : SerialMeter.URC_KINDS) {
            urcs.put(kind, Counter.builder("sim800_urcs").tag("kind", kind)
                    .description("unsolicited result codes sent to the host").register(registry));
        }
    }

    private Counter bytes(String where, String direction) {
        return Counter.builder("sim800_" + where + "_bytes").tag("direction", direction)
                .baseUnit("bytes").register(registry);
    }

    Counter error(String kind) {
        return errors.get(kind);
    }

    Counter urc(String kind) {
        return urcs.get(kind);
    }

    /** A meter for one modem's serial line; add it with {@code VirtualModem.observe} on the modem's loop. */
    public SerialMeter serialMeter() {
        return new SerialMeter(this);
    }

    /** The registry, for meters of the caller's own (devices, benchmarks). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Asks every modem for its status, refreshes the state gauges, and renders everything in the
     * Prometheus text format. Never blocks: the text comes when the last modem has answered.
     */
    public CompletableFuture<String> scrape(ModemRegistry modems) {
        List<CompletableFuture<ModemStatus>> all = new ArrayList<>();
        for (String id : modems.ids()) {
            ControlledModem m = modems.find(id).orElseThrow();
            all.add(m.status().exceptionally(e -> null));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> {
            Map<String, Integer> power = new TreeMap<>();
            Map<String, Integer> ip = new TreeMap<>();
            Map<String, Integer> links = new TreeMap<>();
            for (CompletableFuture<ModemStatus> f : all) {
                ModemStatus s = f.join();
                if (s == null) {
                    power.merge("UNKNOWN", 1, Integer::sum);
                    continue;
                }
                power.merge(s.power(), 1, Integer::sum);
                ip.merge(s.ipState(), 1, Integer::sum);
                for (ModemStatus.LinkStatus l : s.links()) {
                    if (!l.state().equals("INITIAL")) {
                        links.merge(l.state(), 1, Integer::sum);
                    }
                }
            }
            modemsByPower.register(rows("power", power), true);
            modemsByIpState.register(rows("state", ip), true);
            linksByState.register(rows("state", links), true);
            return registry.scrape();
        });
    }

    private static List<MultiGauge.Row<?>> rows(String tag, Map<String, Integer> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(MultiGauge.Row.of(Tags.of(tag, k), v)));
        return rows;
    }
}
