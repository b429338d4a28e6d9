package dev.sim800emu.modem.serial;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one host a socket endpoint serves (a serial line has one end), on the modem's event loop.
 *
 * <p>A connection that arrives while a host is connected is not refused at once: the host it
 * finds may be leaving already, its close not yet read (a host that closes and reconnects at once,
 * a close that waits behind input being read). The newcomer waits, not read, for up to
 * {@link #GRACE_MILLIS}; if the host leaves meanwhile it gets the line, otherwise it is closed
 * without a byte, as before.
 */
final class HostSlot {
    private static final Logger log = LoggerFactory.getLogger(HostSlot.class);
    /** How long a newcomer waits for the connected host to turn out gone. */
    static final long GRACE_MILLIS = 250;

    private final String name;
    private final Consumer<Channel> admit;
    private final Consumer<Channel> gone;
    private Channel host;
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();

    /**
     * @param admit sets a channel up as the host (it is active and will be read)
     * @param gone tears the host's set-up down when it has left
     */
    HostSlot(String name, Consumer<Channel> admit, Consumer<Channel> gone) {
        this.name = name;
        this.admit = admit;
        this.gone = gone;
    }

    /** The connected host, or null. */
    Channel host() {
        return host;
    }

    /** A connection arrived (its channelActive). */
    void arrived(Channel ch) {
        if (host != null && !host.isActive()) {
            // The host's close has not been processed yet: it is gone all the same.
            left(host);
        }
        if (host == null) {
            take(ch);
            return;
        }
        ch.config().setAutoRead(false);
        waiting.add(ch);
        ch.eventLoop().schedule(() -> {
            if (waiting.remove(ch)) {
                log.warn("{}: serial line busy: refusing a second host from {}", name, ch.remoteAddress());
                ch.close();
            }
        }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A connection ended (its channelInactive): the host leaves, or a waiting one gives up. */
    void left(Channel ch) {
        if (ch != host) {
            waiting.remove(ch);
            return;
        }
        host = null;
        gone.accept(ch);
        Channel next;
        while ((next = waiting.poll()) != null) {
            if (next.isActive()) {
                take(next);
                return;
            }
        }
    }

    private void take(Channel ch) {
        host = ch;
        ch.config().setAutoRead(true);
        admit.accept(ch);
    }

    /** Closes the host and every waiting connection (the endpoint stops). */
    void closeAll() {
        for (Channel w : waiting) {
            w.close();
        }
        waiting.clear();
        if (host != null) {
            host.close();
        }
    }
}
