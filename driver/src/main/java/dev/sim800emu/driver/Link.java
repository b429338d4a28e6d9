package dev.sim800emu.driver;

import dev.sim800emu.driver.chat.AtChannel;
import dev.sim800emu.driver.chat.AtCommand;
import dev.sim800emu.driver.chat.AtReply;
import dev.sim800emu.driver.chat.Match;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the modem's six links (CIPMUX=1) as the driver tracks it. Received data stays in the modem
 * (CIPRXGET=1, manual receive) until a reader asks for it, so the modem's buffer is the flow control
 * toward the peer; a notice only marks the link as having data. Reads fetch with
 * {@code AT+CIPRXGET=2} on the reader's thread, never on the AT reader thread.
 */
final class Link {
    /** The most one {@code AT+CIPRXGET=2} or {@code AT+CIPSEND} moves (the chip's limit). */
    static final int CHUNK = 1460;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    final int id;
    private final AtChannel at;
    private final Runnable release;
    /** Guards the fields below; {@link #changed} wakes readers. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** One reader at a time fetches, so chunks are appended in the modem's order. */
    private final ReentrantLock readLock = new ReentrantLock();
    /** Data fetched from the modem and not yet read, in chunks; {@link #bufferPos} into the first. */
    private final java.util.ArrayDeque<byte[]> buffer = new java.util.ArrayDeque<>();
    private int bufferPos;
    /** The modem said data waits (a notice, or a read that left some behind). */
    private boolean dataWaiting = true;
    private boolean remoteClosed;
    private boolean drained;
    private boolean outputShut;
    private boolean closed;
    private ModemException failure;

    Link(int id, AtChannel at, Runnable release) {
        this.id = id;
        this.at = at;
        this.release = release;
    }

    // ------------------------------------------------------------ events, from the AT reader thread

    /** {@code +CIPRXGET: 1,n}. */
    void dataNotice() {
        signal(() -> dataWaiting = true);
    }

    /** {@code n, CLOSED}: the peer closed or reset; what the modem holds can still be read. */
    void remoteClosed() {
        signal(() -> remoteClosed = true);
    }

    /** Pushed data ({@code +RECEIVE,n,len:}), for links the modem does not hold data for. */
    void pushed(byte[] data) {
        signal(() -> buffer.addLast(data));
    }

    /** {@code +PDP: DEACT} and the like: the link is gone with what the modem held. */
    void failed(ModemException e) {
        signal(() -> {
            if (failure == null) {
                failure = e;
            }
        });
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------ reading

    /**
     * Up to {@code len} bytes; -1 once the peer closed and everything has been read.
     *
     * @param timeoutMillis 0 waits for ever
     */
    int read(byte[] b, int off, int len, long timeoutMillis) throws java.io.IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        readLock.lock();
        try {
            while (true) {
                boolean fetch;
                lock.lock();
                try {
                    int n = take(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    if (closed) {
                        throw new java.net.SocketException("socket closed");
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    fetch = dataWaiting || (remoteClosed && !drained);
                    if (!fetch) {
                        if (remoteClosed) {
                            return -1;
                        }
                        awaitChange(deadline);
                        continue;
                    }
                    // cleared before asking: a notice that arrives meanwhile sets it again
                    dataWaiting = false;
                } finally {
                    lock.unlock();
                }
                fetch();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** One datagram-sized read (UDP): what one {@code AT+CIPRXGET=2} returns. */
    byte[] receive(long timeoutMillis) throws java.io.IOException {
        byte[] b = new byte[CHUNK];
        int n = read(b, 0, b.length, timeoutMillis);
        return n < 0 ? null : java.util.Arrays.copyOf(b, n);
    }

    private void awaitChange(long deadline) throws SocketTimeoutException {
        try {
            if (deadline == 0) {
                changed.await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("read timed out on link " + id);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        }
    }

    private int take(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && !buffer.isEmpty()) {
            byte[] head = buffer.peekFirst();
            int k = Math.min(len - n, head.length - bufferPos);
            System.arraycopy(head, bufferPos, b, off + n, k);
            n += k;
            bufferPos += k;
            if (bufferPos == head.length) {
                buffer.removeFirst();
                bufferPos = 0;
            }
        }
        return n;
    }

    /** {@code AT+CIPRXGET=2,id,1460}: {@code +CIPRXGET: 2,id,<got>,<left>}, then got raw bytes. */
    private void fetch() throws ModemException {
        String head = "+CIPRXGET: 2," + id + ",";
        AtReply r;
        try {
            r = at.execute(AtCommand.builder("AT+CIPRXGET=2," + id + "," + CHUNK)
                    .info(Match.prefix(head), l -> field(l, head, 0))
                    .build());
        } catch (CmeErrorException e) {
            lock.lock();
            try {
                if (remoteClosed || failure != null) {
                    drained = true; // the modem forgot the link: nothing more to read
                    return;
                }
            } finally {
                lock.unlock();
            }
            throw e;
        }
        int left = field(r.lines().get(0), head, 1);
        byte[] data = r.payload();
        lock.lock();
        try {
            if (data.length > 0) {
                buffer.addLast(data);
            }
            if (left > 0) {
                dataWaiting = true;
            } else if (data.length == 0 && remoteClosed) {
                drained = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Field {@code i} after {@code head} in a comma-separated line (got is 0, left is 1). */
    private static int field(String line, String head, int i) {
        return Integer.parseInt(line.substring(head.length()).split(",")[i].trim());
    }

    // ------------------------------------------------------------ writing and closing

    /** Sends {@code len} bytes, in chunks the modem takes; returns once the modem has them all. */
    void send(byte[] b, int off, int len) throws ModemException {
        while (len > 0) {
            int n = Math.min(len, CHUNK);
            checkWritable();
            byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + n);
            try {
                at.execute(AtCommand.builder("AT+CIPSEND=" + id + "," + n)
                        .payload(chunk)
                        .timeout(SEND_TIMEOUT)
                        .finalLine(Match.exact("DATA ACCEPT:" + id + "," + n))
                        .finalLine(Match.exact(id + ", SEND OK"))
                        .abort(Match.exact(id + ", SEND FAIL"), l -> new LinkClosedException("link " + id + ": SEND FAIL"))
                        .build());
            } catch (CmeErrorException e) {
                checkWritable(); // closed meanwhile: say so rather than "CME ERROR 3"
                throw e;
            }
            off += n;
            len -= n;
        }
    }

    private void checkWritable() throws ModemException {
        lock.lock();
        try {
            if (failure != null) {
                throw failure;
            }
            if (closed || outputShut) {
                throw new LinkClosedException("link " + id + " is shut for output");
            }
            if (remoteClosed) {
                throw new LinkClosedException("link " + id + " was closed by the peer");
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more writes from this side. The SIM800 cannot send a FIN alone: it goes out at close. */
    void shutdownOutput() {
        signal(() -> outputShut = true);
    }

    /** Closes the link on the modem (unless it is gone already) and frees its id. Idempotent. */
    void close() throws ModemException {
        boolean open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            open = !remoteClosed && failure == null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (open && at.isOpen()) {
                at.execute(AtCommand.builder("AT+CIPCLOSE=" + id)
                        .timeout(CLOSE_TIMEOUT)
                        .finalLine(Match.exact(id + ", CLOSE OK"))
                        .build());
            }
        } catch (CmeErrorException e) {
            // closed by the peer in the meantime: nothing left to close
        } finally {
            release.run();
        }
    }

    /** Gives the id back without telling the modem (a CIPSTART that failed left nothing open). */
    void abandon() {
        signal(() -> closed = true);
        release.run();
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
