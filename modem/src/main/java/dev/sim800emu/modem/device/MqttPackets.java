package dev.sim800emu.modem.device;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * MQTT 3.1.1 packets as the bytes a device hands to AT+CIPSEND, encoded by Netty's MQTT codec: a
 * CONNECT when the link comes up and a QoS 0 PUBLISH per message. Nothing is awaited from the
 * broker (QoS 0 has no acknowledgement; the CONNACK is read and ignored like any received data).
 */
public final class MqttPackets {
    /** Seconds the broker waits without a packet before dropping the client; a send every period keeps it. */
    private static final int KEEP_ALIVE_SECONDS = 300;

    private MqttPackets() {
    }

    public static byte[] connect(String clientId) {
        return encode(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId)
                .cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS).build());
    }

    public static byte[] publish(String topic, byte[] payload) {
        return encode(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).build());
    }

    private static byte[] encode(MqttMessage message) {
        // The encoder is a pipeline stage; an embedded channel runs it without any socket.
        EmbeddedChannel ch = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            ch.writeOutbound(message);
            ByteBuf out = Unpooled.buffer();
            for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
                ByteBuf b = (ByteBuf) o;
                out.writeBytes(b);
                b.release();
            }
            byte[] bytes = ByteBufUtil.getBytes(out);
            out.release();
            return bytes;
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
