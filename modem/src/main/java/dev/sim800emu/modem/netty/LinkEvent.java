package dev.sim800emu.modem.netty;

import java.net.InetSocketAddress;

/** What a link tells the engine, as values, so that a shaped downlink can hold them in order. */
sealed interface LinkEvent {
    record Connected() implements LinkEvent {
    }

    record Failed(String reason) implements LinkEvent {
    }

    /** The TLS handshake failed after the TCP connect. */
    record TlsFailed(boolean alert, String reason) implements LinkEvent {
    }

    /** TLS started on an open link ({@link dev.sim800emu.modem.net.NetLink#startTls}) is up. */
    record Secured() implements LinkEvent {
    }

    record Data(byte[] data, InetSocketAddress from) implements LinkEvent {
    }

    record Acked(long total) implements LinkEvent {
    }

    record Closed(String reason) implements LinkEvent {
    }
}
