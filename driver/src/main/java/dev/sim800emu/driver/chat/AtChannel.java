package dev.sim800emu.driver.chat;

import dev.sim800emu.driver.AtTimeoutException;
import dev.sim800emu.driver.ModemException;
import dev.sim800emu.driver.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AT channel: commands go out one at a time, and one reader thread reads everything the modem
 * says. Each line is offered first to the running command's match sets ({@link AtCommand}), then to
 * the unsolicited handlers, so a URC that crosses a reply is dispatched as a URC and never taken for
 * the reply, and a reply is never lost to a URC handler.
 *
 * <p>Commands may be sent from any thread except the reader's (URC handlers must not send).
 */
public final class AtChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AtChannel.class);

    private final Transport transport;
    private final OutputStream out;
    private final Thread reader;
    private final List<UrcHandler> urcs = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    /** One command at a time; fair, so that a busy socket cannot starve another's commands. */
    private final ReentrantLock commandLock = new ReentrantLock(true);
    /** Guards {@link #current}, the pending's fields and {@link #closed}. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Pending current;
    private boolean closed;
    /** Where the raw bytes being read go: the command (null handler) or a URC handler. */
    private UrcHandler rawUrc;
    private String rawLine;

    /** The running command and what it has got so far. */
    private static final class Pending {
        final AtCommand cmd;
        final List<String> lines = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        boolean prompted;
        String finalLine;
        ModemException failure;
        boolean done;

        Pending(AtCommand cmd) {
            this.cmd = cmd;
        }
    }

    public AtChannel(Transport transport) throws IOException {
        this.transport = transport;
        this.out = transport.output();
        InputStream in = transport.input();
        this.reader = new Thread(() -> readLoop(in), "sim800-at-reader " + transport.describe());
        reader.setDaemon(true);
        reader.start();
    }

    /** Adds an entry to the unsolicited match set (checked in the order added). */
    public void addUrcHandler(UrcHandler handler) {
        urcs.add(handler);
    }

    /** Runs once when the transport ends (the modem went away or {@link #close()} was called). */
    public void onClosed(Runnable listener) {
        closeListeners.add(listener);
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code cmd} and waits for its final line.
     *
     * @throws dev.sim800emu.driver.AtErrorException for ERROR / +CME ERROR / +CMS ERROR
     * @throws AtTimeoutException when no final line comes within the command's timeout
     * @throws ModemException for the command's own abort lines, and when the channel is closed
     */
    public AtReply execute(AtCommand cmd) throws ModemException {
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("a URC handler sent " + cmd + ": it would wait for itself");
        }
        commandLock.lock();
        try {
            return run(cmd);
        } finally {
            commandLock.unlock();
        }
    }

    private AtReply run(AtCommand cmd) throws ModemException {
        Pending p = new Pending(cmd);
        long deadline = System.nanoTime() + cmd.timeout().toNanos();
        lock.lock();
        try {
            if (closed) {
                throw new ModemException("the modem's line is closed (" + transport.describe() + ")");
            }
            current = p;
        } finally {
            lock.unlock();
        }
        try {
            write((cmd.line() + "\r").getBytes(StandardCharsets.ISO_8859_1));
            if (cmd.payload() != null) {
                await(p, deadline, true);
                if (!p.done) {
                    write(cmd.payload());
                }
            }
            await(p, deadline, false);
        } finally {
            lock.lock();
            try {
                if (current == p) {
                    current = null;
                }
            } finally {
                lock.unlock();
            }
        }
        if (p.failure != null) {
            throw p.failure;
        }
        return new AtReply(p.lines, p.payloads, p.finalLine);
    }

    /** Waits until the prompt came ({@code forPrompt}) or the command ended. */
    private void await(Pending p, long deadline, boolean forPrompt) throws ModemException {
        lock.lock();
        try {
            while (!p.done && !(forPrompt && p.prompted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    p.done = true;
                    p.failure = new AtTimeoutException("no answer to " + p.cmd + " within " + p.cmd.timeout()
                            + (forPrompt ? " (no prompt)" : ""));
                    return;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.done = true;
                    p.failure = new ModemException("interrupted while waiting for " + p.cmd);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] bytes) throws ModemException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ModemException("cannot write to " + transport.describe() + ": " + e.getMessage(), e);
        }
    }

    private void readLoop(InputStream in) {
        LineSplitter splitter = new LineSplitter(new Dispatcher());
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                splitter.feed(buf, 0, n);
            }
        } catch (IOException e) {
            if (isOpen()) {
                log.debug("modem line {} failed: {}", transport.describe(), e.toString());
            }
        } catch (RuntimeException e) {
            log.error("AT reader stopped by a bug", e);
        } finally {
            endOfLine();
        }
    }

    private void endOfLine() {
        lock.lock();
        try {
            closed = true;
            if (current != null && !current.done) {
                current.done = true;
                current.failure = new ModemException("the modem's line closed during " + current.cmd);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Runnable r : closeListeners) {
            r.run();
        }
    }

    /** Closes the transport; the reader ends, a waiting command fails. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        try {
            transport.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", transport.describe(), e.toString());
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader's side: runs on the reader thread. */
    private final class Dispatcher implements LineSplitter.Listener {
        @Override
        public int line(String line) {
            lock.lock();
            try {
                Pending p = current;
                if (p != null && !p.done) {
                    if (p.cmd.isFinal(line)) {
                        p.finalLine = line;
                        p.done = true;
                        changed.signalAll();
                        return 0;
                    }
                    ModemException abort = p.cmd.abortFor(line);
                    if (abort != null) {
                        p.finalLine = line;
                        p.failure = abort;
                        p.done = true;
                        changed.signalAll();
                        return 0;
                    }
                    if (p.cmd.isInfo(line)) {
                        p.lines.add(line);
                        rawUrc = null;
                        return p.cmd.rawAfter(line);
                    }
                }
            } finally {
                lock.unlock();
            }
            for (UrcHandler h : urcs) {
                if (h.matches(line)) {
                    int n = h.rawLength(line);
                    if (n > 0) {
                        rawUrc = h;
                        rawLine = line;
                        return n;
                    }
                    h.handle(line, null);
                    return 0;
                }
            }
            lock.lock();
            try {
                Pending p = current;
                if (p != null && !p.done && p.cmd.collectsOthers()) {
                    p.lines.add(line);
                    return 0;
                }
            } finally {
                lock.unlock();
            }
            log.debug("unclaimed line from the modem: {}", line);
            return 0;
        }

        @Override
        public boolean prompt() {
            lock.lock();
            try {
                Pending p = current;
                if (p != null && !p.done && p.cmd.payload() != null && !p.prompted) {
                    p.prompted = true;
                    changed.signalAll();
                    return true;
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void raw(byte[] payload) {
            if (rawUrc != null) {
                UrcHandler h = rawUrc;
                rawUrc = null;
                h.handle(rawLine, payload);
                return;
            }
            lock.lock();
            try {
                if (current != null) {
                    current.payloads.add(payload);
                } else {
                    // the command timed out meanwhile; its data has no reader now
                    log.warn("{} bytes of a late reply dropped", payload.length);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
