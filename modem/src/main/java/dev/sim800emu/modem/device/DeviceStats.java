package dev.sim800emu.modem.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fleet's scripted devices did, summed over all of them (thread-safe: devices run on
 * several loops): messages sent and confirmed (SEND OK), failures that made a device start over,
 * and how many are connected now. Registered as {@code sim800_device_*} meters.
 */
public final class DeviceStats {
    final Counter sent;
    final Counter failures;
    final Counter skipped;
    final AtomicInteger connected = new AtomicInteger();

    public DeviceStats(MeterRegistry registry) {
        sent = Counter.builder("sim800_device_messages").description("messages the devices sent (SEND OK)")
                .register(registry);
        failures = Counter.builder("sim800_device_restarts")
                .description("times a device lost its link or bearer and started over").register(registry);
        skipped = Counter.builder("sim800_device_skipped")
                .description("periods skipped because the previous send had not finished").register(registry);
        Gauge.builder("sim800_devices_connected", connected, AtomicInteger::get)
                .description("devices whose link is up").register(registry);
    }

    public long sent() {
        return (long) sent.count();
    }

    public long restarts() {
        return (long) failures.count();
    }

    public int connected() {
        return connected.get();
    }
}
