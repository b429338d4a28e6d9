package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.PosixTerminal.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modem output to a PTY master that never blocks the caller (the modem's event loop): what the
 * terminal cannot take at once waits in a backlog that the endpoint's reader drains when the
 * terminal has room (told through {@code backlogStarted}). Beyond {@value #BACKLOG_LIMIT} bytes the
 * oldest output is dropped, with a warning. One lock guards the backlog, the write buffer and writes
 * to the master and the wake-up pipe: with the reader thread, two threads write.
 */
final class PtyOutput {
    /** Logs under the endpoint's name: this is the endpoint's output half. */
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);
    /** Modem output kept while no program reads the port; older bytes are dropped beyond this. */
    static final int BACKLOG_LIMIT = 1 << 20;
    private static final int WRITE_CHUNK = 16 * 1024;

    private final PtyDevice device;
    /** The port's name in log lines. */
    private final Path link;
    /** Whether the endpoint is closed: from then on nothing is written. */
    private final BooleanSupplier closed;

    private final Object writeLock = new Object();
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    /** Bytes of the backlog's first chunk already written. */
    private int headOffset;
    private long backlogBytes;
    /** Bytes dropped since the backlog last overflowed; reported when the backlog drains. */
    private long dropped;
    private final Memory writeBuffer = new Memory(WRITE_CHUNK);
    /** Writes to the master; JNA unless the reader offers a cheaper way. */
    private MasterWrite master = this::jnaWrite;
    /** Called (under the lock) when output starts to wait for room in the terminal. */
    private Runnable backlogStarted = this::wake;

    /** One non-blocking write to the master: the number of bytes it took, 0 when the terminal is full. */
    @FunctionalInterface
    interface MasterWrite {
        int write(byte[] bytes, int offset, int length);
    }

    PtyOutput(PtyDevice device, Path link, BooleanSupplier closed) {
        this.device = device;
        this.link = link;
        this.closed = closed;
    }

    /** How the reader writes to the master and learns that output waits; set before any output. */
    void use(MasterWrite master, Runnable backlogStarted) {
        synchronized (writeLock) {
            this.master = master;
            this.backlogStarted = backlogStarted;
        }
    }

    /** The {@code SerialOutput}: never blocks, whatever the program on the port is doing. */
    void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (writeLock) {
            if (closed.getAsBoolean()) {
                return;
            }
            int written = 0;
            if (backlog.isEmpty()) {
                written = writeSome(bytes, 0, bytes.length);
                if (written == bytes.length) {
                    return;
                }
            }
            boolean wasEmpty = backlog.isEmpty();
            if (written == 0) {
                backlog.add(bytes);
            } else {
                backlog.add(Arrays.copyOfRange(bytes, written, bytes.length));
            }
            backlogBytes += bytes.length - written;
            trimBacklog();
            if (wasEmpty) {
                backlogStarted.run(); // the reader now has to watch for room in the terminal
            }
        }
    }

    /** Whether output waits for room in the terminal. */
    boolean pending() {
        synchronized (writeLock) {
            return !backlog.isEmpty();
        }
    }

    /** Writes as much of the backlog as the terminal takes, unless the endpoint is closed. */
    void drain() {
        synchronized (writeLock) {
            if (!closed.getAsBoolean()) {
                drainBacklog();
            }
        }
    }

    /** Makes the endpoint's thread go round its loop once more. Never blocks (the pipe is non-blocking). */
    void wake() {
        synchronized (writeLock) {
            writeBuffer.setByte(0, (byte) 1);
            LIBC.write(device.wakeWrite, writeBuffer, new NativeLong(1));
        }
    }

    /** Forgets the backlog, once the endpoint is closed and its thread has stopped. */
    void discard() {
        synchronized (writeLock) {
            // After this no write touches the descriptors: write() checks `closed` under the lock.
            backlog.clear();
            backlogBytes = 0;
        }
    }

    /** Drops the oldest output beyond the limit. Holds {@link #writeLock}. */
    private void trimBacklog() {
        if (backlogBytes <= BACKLOG_LIMIT) {
            return;
        }
        if (dropped == 0) {
            log.warn("{}: no program is reading; keeping only the last {} bytes of modem output",
                    link, BACKLOG_LIMIT);
        }
        while (backlogBytes > BACKLOG_LIMIT) {
            byte[] head = backlog.peekFirst();
            long excess = backlogBytes - BACKLOG_LIMIT;
            int left = head.length - headOffset;
            if (left <= excess) {
                backlog.removeFirst();
                headOffset = 0;
                backlogBytes -= left;
                dropped += left;
            } else {
                headOffset += (int) excess;
                backlogBytes -= excess;
                dropped += excess;
            }
        }
    }

    /** Writes what the master takes now; returns the count (0 if the terminal is full). */
    private int writeSome(byte[] bytes, int offset, int length) {
        int total = 0;
        while (total < length) {
            int n = master.write(bytes, offset + total, length - total);
            total += n;
            if (n == 0) {
                break; // the terminal is full
            }
        }
        return total;
    }

    /** {@link MasterWrite} through JNA, a chunk at a time. Holds {@link #writeLock}. */
    private int jnaWrite(byte[] bytes, int offset, int length) {
        int total = 0;
        while (total < length) {
            int n = Math.min(length - total, WRITE_CHUNK);
            writeBuffer.write(0, bytes, offset + total, n);
            long r = LIBC.write(device.master, writeBuffer, new NativeLong(n)).longValue();
            if (r < 0) {
                int errno = Native.getLastError();
                if (errno == PosixTerminal.EINTR) {
                    continue;
                }
                if (errno != PosixTerminal.EAGAIN) {
                    log.warn("{}: write failed: {}", link, PosixTerminal.describe(errno));
                }
                break;
            }
            total += (int) r;
            if (r < n) {
                break; // the terminal is full
            }
        }
        return total;
    }

    /** Writes as much of the backlog as the terminal takes. Holds {@link #writeLock}. */
    private void drainBacklog() {
        while (!backlog.isEmpty()) {
            byte[] head = backlog.peekFirst();
            int n = writeSome(head, headOffset, head.length - headOffset);
            headOffset += n;
            backlogBytes -= n;
            if (headOffset < head.length) {
                return;
            }
            backlog.removeFirst();
            headOffset = 0;
        }
        if (dropped > 0) {
            log.warn("{}: {} bytes of modem output were dropped while no program was reading",
                    link, dropped);
            dropped = 0;
        }
    }
}
