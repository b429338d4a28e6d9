package dev.sim800emu.modem.net;

/**
 * The answer to one echo request ({@link Network#ping}). A lost request gets no call: the engine
 * times it out on its own clock, as the chip does.
 */
public interface PingCallback {
    /**
     * @param roundTripMillis from sending the request to the reply
     * @param ttl the reply's time to live as far as the network can tell
     */
    void onReply(long roundTripMillis, int ttl);
}
