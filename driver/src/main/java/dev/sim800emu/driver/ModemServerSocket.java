package dev.sim800emu.driver;

import dev.sim800emu.driver.chat.AtChannel;
import dev.sim800emu.driver.chat.AtCommand;
import dev.sim800emu.driver.chat.Match;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The modem's TCP server ({@code AT+CIPSERVER=1,<port>}): clients arrive as {@code n, REMOTE IP: …}
 * and are taken by {@link #accept}. The modem has one server; each client uses one of the six link ids.
 */
public final class ModemServerSocket implements Closeable {
    private final AtChannel at;
    private final Links links;
    private final int port;
    private volatile boolean closed;

    ModemServerSocket(AtChannel at, Links links, int port) {
        this.at = at;
        this.links = links;
        this.port = port;
    }

    /** The next client; waits up to {@code timeoutMillis} (0: for ever). */
    public ModemSocket accept(long timeoutMillis) throws IOException {
        try {
            Link l = timeoutMillis > 0 ? links.accepted.poll(timeoutMillis, TimeUnit.MILLISECONDS) : links.accepted.take();
            if (l == null) {
                throw new SocketTimeoutException("no client within " + timeoutMillis + " ms on port " + port);
            }
            return new ModemSocket(l, "client on link " + l.id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        }
    }

    /** The modem's port. */
    public int port() {
        return port;
    }

    /** {@code AT+CIPSERVER=0}: no new clients; accepted ones stay open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (at.isOpen()) {
            at.execute(AtCommand.builder("AT+CIPSERVER=0").finalLine(Match.exact("SERVER CLOSE")).info(Match.exact("OK")).build());
        }
    }
}
