package dev.sim800emu.modem.net;

import java.net.InetSocketAddress;

/** Events of a listening socket (AT+CIPSERVER), delivered on the modem's thread. */
public interface ServerListener {

    void onListening();

    /** The port could not be opened (in use, not permitted); nothing follows. */
    void onListenFailed(String reason);

    /**
     * A client connected. Returns the listener for the new link, or null to refuse the client,
     * which is then closed at once. {@code link} is already open: no onConnected follows.
     */
    LinkListener onAccepted(NetLink link, InetSocketAddress remote);
}
