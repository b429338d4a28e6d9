package dev.sim800emu.modem.net;

/** An open (or opening) link, owned by the engine. Calls must be made on the modem's thread. */
public interface NetLink {

    /** Queues bytes for the peer; progress is reported through {@link LinkListener#onAcked}. */
    void send(byte[] data);

    /**
     * Queues {@code len} bytes of {@code data} from {@code off} for the peer. The caller keeps the
     * array and may reuse it as soon as this returns: a network that holds bytes copies them (the
     * default does, into a new array for {@link #send(byte[])}; a socket copies them once, into its
     * own buffer). The transparent uplink sends this way, without an array per packet.
     */
    default void send(byte[] data, int off, int len) {
        send(java.util.Arrays.copyOfRange(data, off, off + len));
    }

    /**
     * Queues {@code headLen} bytes of {@code head}, then {@code len} bytes of {@code data} from
     * {@code off}, as one write. The transparent uplink sends this way: the start of a packet kept
     * from an earlier host read, the rest straight from the host's buffer, which a socket may pass on
     * without copying it. The caller keeps both; the default copies them into one new array.
     */
    default void send(byte[] head, int headLen, Payload data, int off, int len) {
        send(join(head, headLen, data, off, len));
    }

    /** {@code headLen} bytes of {@code head} and {@code len} of {@code data} from {@code off}, in a new array. */
    static byte[] join(byte[] head, int headLen, Payload data, int off, int len) {
        byte[] all = new byte[headLen + len];
        System.arraycopy(head, 0, all, 0, headLen);
        data.copyTo(off, all, headLen, len);
        return all;
    }

    /** For UDP extended mode: sends one datagram to another destination. */
    default void sendTo(byte[] data, java.net.InetSocketAddress to) {
        send(data);
    }

    /** Closes the link: gracefully (FIN after queued data) or, when {@code abort}, at once (RST). */
    void close(boolean abort);

    /**
     * Starts TLS on this open TCP link, as a client after an upgrade command (explicit FTPS's
     * {@code AUTH TLS}): bytes sent from now on go inside TLS. The outcome arrives as
     * {@link LinkListener#onSecured()} or {@link LinkListener#onTlsFailed}.
     */
    default void startTls(LinkRequest.Tls tls) {
        throw new UnsupportedOperationException("this link cannot start TLS");
    }

    /**
     * Whether something waits on this link's acknowledgements now (a SEND OK, a transparent uplink
     * near its limit). A network that must ask for them (the kernel's send queue) asks often while
     * they are awaited and seldom otherwise; the counts it reports are right either way, only
     * fresher. Links start awaited. The default ignores it.
     */
    default void acksAwaited(boolean awaited) {
    }

    /** Stops or resumes reading from the socket, so that a slow reader back-pressures the peer. */
    void setReading(boolean reading);

    /**
     * Puts a fault on this link (control plane): {@link LinkFault#RESET} aborts it as a peer reset
     * would and reports the close to the listener; {@link LinkFault#BLACKHOLE} holds every byte in
     * both directions (nothing acknowledged); {@link LinkFault#RESTORE} lets them flow again.
     */
    default void fault(LinkFault fault) {
        throw new UnsupportedOperationException("this link has no fault injection");
    }
}
