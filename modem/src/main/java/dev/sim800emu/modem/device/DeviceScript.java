package dev.sim800emu.modem.device;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a scripted device does: bring up GPRS, open a TCP link to {@code target}, and every
 * {@code periodMillis} send one message, either {@code template} as it is or, with an
 * {@code mqttTopic}, as the payload of an MQTT PUBLISH on that topic (after a CONNECT). When the
 * link or the bearer fails it starts over after a back-off between {@code retryMinMillis} and
 * {@code retryMaxMillis}, doubling, with jitter — so a network event makes a reconnect storm of
 * the shape real devices make.
 *
 * <p>The template's placeholders: {@code {id}} the modem id, {@code {imei}}, {@code {seq}} the
 * message number, {@code {nanos}} System.nanoTime() when the send starts (for in-process latency
 * measurement).
 */
public record DeviceScript(InetSocketAddress target, long periodMillis, String template, String mqttTopic,
                           String apn, long retryMinMillis, long retryMaxMillis) {

    public DeviceScript {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(template, "template");
        if (periodMillis < 1) {
            throw new IllegalArgumentException("the period must be at least 1 ms");
        }
        if (retryMinMillis < 1 || retryMaxMillis < retryMinMillis) {
            throw new IllegalArgumentException("retry back-off must be 1 <= min <= max");
        }
        apn = apn == null ? "internet" : apn;
    }

    /** A plain-text device: {@code template} every {@code periodMillis}, retrying from 1 s to 60 s. */
    public static DeviceScript text(InetSocketAddress target, long periodMillis, String template) {
        return new DeviceScript(target, periodMillis, template, null, "internet", 1_000, 60_000);
    }

    public DeviceScript withMqtt(String topic) {
        return new DeviceScript(target, periodMillis, template, topic, apn, retryMinMillis, retryMaxMillis);
    }

    /** The message with its placeholders filled. */
    public String render(String id, String imei, long seq, long nanos) {
        return template.replace("{id}", id).replace("{imei}", imei).replace("{seq}", Long.toString(seq))
                .replace("{nanos}", Long.toString(nanos));
    }
}
