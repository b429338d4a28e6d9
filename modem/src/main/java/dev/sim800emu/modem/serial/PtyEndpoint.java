package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.PosixTerminal.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.PosixTerminal.PollFd;
import dev.sim800emu.modem.serial.PosixTerminal.Termios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual modem behind a Linux pseudo-terminal, so that minicom, screen or pyserial can open it
 * like a serial port: the PTY's slave ({@code /dev/pts/N}) is what programs open, reached through
 * a symbolic link of the caller's choosing; the endpoint holds the master.
 *
 * <h2>Power</h2>
 * A PTY gives no cheap signal when a program opens or closes the slave, so the modem is powered on
 * when the endpoint opens and stays powered until {@link #close()}. Output produced while no
 * program is attached waits in the terminal (and then in a bounded backlog, see below) and is read
 * by the next program to open the port, boot URCs included (unless it flushes its input on
 * opening, as pyserial does: then it sees what it would see from a modem that booted earlier).
 *
 * <h2>Terminal settings</h2>
 * The endpoint keeps a descriptor of the slave open for its whole life. That keeps the raw mode it
 * sets (no echo, no line editing, 8 bits) from being reset when the last program closes the port,
 * and keeps reads on the master from failing with EIO while no program has it open. A program that
 * switches the port out of raw mode (for instance turns echo on) affects the modem too: with echo
 * on, the modem's own output would come back to it as input.
 *
 * <h2>Threads</h2>
 * One daemon thread, {@code pty-reader-N}, waits in {@code poll()} on the master: what the program
 * types goes to {@link VirtualModem#input}. Modem output arrives on the modem's event loop, which
 * must never block; the master is non-blocking, so output the kernel cannot take at once (no
 * program reading) is kept in a backlog that the same thread drains when the terminal has room.
 * Beyond {@value #BACKLOG_LIMIT} bytes the oldest output is dropped, with a warning.
 */
public final class PtyEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);
    /** Modem output kept while no program reads the port; older bytes are dropped beyond this. */
    static final int BACKLOG_LIMIT = 1 << 20;
    private static final int READ_CHUNK = 4096;
    private static final int WRITE_CHUNK = 16 * 1024;
    /**
     * While output is pending the thread also retries this often, not only on POLLOUT: a wake-up
     * from the terminal freeing room is what it waits for, the timeout is only a safety net.
     */
    private static final int RETRY_MILLIS = 100;

    private final VirtualModem modem;
    private final Path link;
    private final Path slavePath;
    private final int master;
    private final int slave;
    private final int wakeRead;
    private final int wakeWrite;
    private final Thread reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Guards the backlog, the write buffer and writes to the master. */
    private final Object writeLock = new Object();
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    /** Bytes of the backlog's first chunk already written. */
    private int headOffset;
    private long backlogBytes;
    /** Bytes dropped since the backlog last overflowed; reported when the backlog drains. */
    private long dropped;
    private final Memory writeBuffer = new Memory(WRITE_CHUNK);

    private PtyEndpoint(VirtualModem modem, Path link, Path slavePath, int master, int slave,
            int wakeRead, int wakeWrite) {
        this.modem = modem;
        this.link = link;
        this.slavePath = slavePath;
        this.master = master;
        this.slave = slave;
        this.wakeRead = wakeRead;
        this.wakeWrite = wakeWrite;
        this.reader = new Thread(this::pump, "pty-reader-" + slavePath.getFileName());
        this.reader.setDaemon(true);
    }

    /**
     * Creates a PTY, links {@code link} to its slave and powers {@code modem} on with its output
     * going to the PTY. An existing symbolic link at {@code link} is replaced; any other file there
     * is left alone and the call fails.
     *
     * @throws IOException if {@code link} exists and is not a symbolic link, if the link cannot be
     *     made, or if the PTY cannot be set up
     */
    public static PtyEndpoint open(VirtualModem modem, Path link) throws IOException {
        Objects.requireNonNull(modem, "modem");
        Objects.requireNonNull(link, "link");
        // Checked before creating anything, so that a mistaken path costs no PTY. Rechecked below.
        refuseNonLink(link);
        int master = -1;
        int slave = -1;
        int[] wake = {-1, -1};
        boolean linked = false;
        PtyEndpoint pty;
        try {
            master = LIBC.posix_openpt(PosixTerminal.O_RDWR | PosixTerminal.O_NOCTTY);
            if (master < 0) {
                throw PosixTerminal.failure("posix_openpt");
            }
            if (LIBC.grantpt(master) != 0) {
                throw PosixTerminal.failure("grantpt");
            }
            if (LIBC.unlockpt(master) != 0) {
                throw PosixTerminal.failure("unlockpt");
            }
            Path slavePath = slaveName(master);
            slave = LIBC.open(slavePath.toString(), PosixTerminal.O_RDWR | PosixTerminal.O_NOCTTY);
            if (slave < 0) {
                throw PosixTerminal.failure("open " + slavePath);
            }
            makeRaw(slave);
            setNonBlocking(master);
            // Lets close() and the event loop wake the thread out of poll(). Non-blocking so that
            // the event loop never waits on it: a full pipe already holds a pending wake-up.
            if (LIBC.pipe2(wake, PosixTerminal.O_NONBLOCK | PosixTerminal.O_CLOEXEC) != 0) {
                throw PosixTerminal.failure("pipe2");
            }
            replaceLink(link, slavePath);
            linked = true;
            pty = new PtyEndpoint(modem, link, slavePath, master, slave, wake[0], wake[1]);
            pty.reader.start();
        } catch (IOException | RuntimeException | Error e) {
            if (linked) {
                Files.deleteIfExists(link);
            }
            PosixTerminal.closeQuietly(wake[0]);
            PosixTerminal.closeQuietly(wake[1]);
            PosixTerminal.closeQuietly(slave);
            PosixTerminal.closeQuietly(master);
            throw e;
        }
        // From here on the endpoint owns the descriptors, the thread and the link.
        try {
            pty.host = modem.hostConnected(pty::write).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            pty.close();
            throw new IOException("the modem did not take the PTY: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pty.close();
            throw new IOException("interrupted while connecting the PTY", e);
        } catch (RuntimeException e) { // e.g. the event loop has been shut down
            pty.close();
            throw e;
        }
        log.info("modem on {} -> {}", link, pty.slavePath);
        return pty;
    }

    /** This PTY as a host on the modem's line, once connected. */
    private volatile VirtualModem.Host host;

    /** The PTY's slave device, e.g. {@code /dev/pts/3}. */
    public Path slavePath() {
        return slavePath;
    }

    /** The symbolic link programs open. */
    public Path link() {
        return link;
    }

    /**
     * Powers the modem off, stops the thread, closes the PTY (programs holding the port see a
     * hang-up) and removes the link if it still points to this PTY. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            VirtualModem.Host h = host;
            if (h != null) {
                modem.runAndWait(e -> h.disconnect(true)).get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RuntimeException e) {
            // The event loop is already gone; the PTY must still be released.
            log.warn("{}: could not power the modem off: {}", link, e.toString());
        }
        wake();
        joinReader();
        synchronized (writeLock) {
            // After this no write touches the descriptors: write() checks `closed` under the lock.
            backlog.clear();
            backlogBytes = 0;
        }
        PosixTerminal.closeQuietly(wakeRead);
        PosixTerminal.closeQuietly(wakeWrite);
        PosixTerminal.closeQuietly(slave);
        PosixTerminal.closeQuietly(master);
        removeLink();
        log.info("closed {} ({})", link, slavePath);
    }

    // ------------------------------------------------------------------ output (modem's thread)

    /** The {@link SerialOutput}: never blocks, whatever the program on the port is doing. */
    private void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (writeLock) {
            if (closed.get()) {
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
                wake(); // the thread now has to watch for room in the terminal
            }
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
            int n = Math.min(length - total, WRITE_CHUNK);
            writeBuffer.write(0, bytes, offset + total, n);
            long r = LIBC.write(master, writeBuffer, new NativeLong(n)).longValue();
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

    private boolean outputPending() {
        synchronized (writeLock) {
            return !backlog.isEmpty();
        }
    }

    // ------------------------------------------------------------------ the thread

    /** Reads what the program types and drains the backlog, until {@link #close()}. */
    private void pump() {
        PollFd[] fds = (PollFd[]) new PollFd().toArray(2);
        Memory readBuffer = new Memory(READ_CHUNK);
        try {
            while (!closed.get()) {
                boolean pending = outputPending();
                fds[0].fd = master;
                fds[0].events = (short) (PosixTerminal.POLLIN | (pending ? PosixTerminal.POLLOUT : 0));
                fds[0].revents = 0;
                fds[1].fd = wakeRead;
                fds[1].events = PosixTerminal.POLLIN;
                fds[1].revents = 0;
                int ready = LIBC.poll(fds, new NativeLong(2), pending ? RETRY_MILLIS : -1);
                if (ready < 0) {
                    int errno = Native.getLastError();
                    if (errno == PosixTerminal.EINTR) {
                        continue;
                    }
                    throw new IOException("poll failed: " + PosixTerminal.describe(errno));
                }
                if ((fds[1].revents & PosixTerminal.POLLIN) != 0) {
                    drainWakePipe(readBuffer);
                }
                short events = fds[0].revents;
                if ((events & PosixTerminal.POLLIN) != 0) {
                    readInput(readBuffer);
                } else if ((events & (PosixTerminal.POLLERR | PosixTerminal.POLLHUP
                        | PosixTerminal.POLLNVAL)) != 0) {
                    // Cannot happen while we hold the slave open; bail out rather than spin.
                    throw new IOException("the terminal reported an error (poll events 0x"
                            + Integer.toHexString(events & 0xffff) + ")");
                }
                if (pending) {
                    synchronized (writeLock) {
                        if (!closed.get()) {
                            drainBacklog();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                log.error("{}: the PTY thread stopped; the port no longer works", link, e);
            }
        }
    }

    /** One read from the master, handed to the modem. */
    private void readInput(Memory buffer) throws IOException {
        long n = LIBC.read(master, buffer, new NativeLong(READ_CHUNK)).longValue();
        if (n > 0) {
            modem.input(buffer.getByteArray(0, (int) n));
        } else if (n == 0) {
            throw new IOException("unexpected end of file on the master");
        } else {
            int errno = Native.getLastError();
            if (errno != PosixTerminal.EAGAIN && errno != PosixTerminal.EINTR) {
                throw new IOException("read failed: " + PosixTerminal.describe(errno));
            }
        }
    }

    private void drainWakePipe(Memory buffer) {
        while (LIBC.read(wakeRead, buffer, new NativeLong(READ_CHUNK)).longValue() > 0) {
            // Only the wake-up matters, not the bytes.
        }
    }

    /** Makes the thread go round its loop once more. Never blocks (the pipe is non-blocking). */
    private void wake() {
        synchronized (writeLock) {
            writeBuffer.setByte(0, (byte) 1);
            LIBC.write(wakeWrite, writeBuffer, new NativeLong(1));
        }
    }

    private void joinReader() {
        if (Thread.currentThread() == reader) {
            return;
        }
        boolean interrupted = false;
        // The thread leaves poll() as soon as the wake-up arrives; the descriptors may only be
        // closed after that, or a number reused by another open() could be polled or read.
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ setup helpers

    private static Path slaveName(int master) throws IOException {
        byte[] buf = new byte[128];
        int rc = LIBC.ptsname_r(master, buf, new NativeLong(buf.length));
        if (rc != 0) {
            // ptsname_r returns the error number instead of setting errno.
            throw new IOException("ptsname_r failed: " + PosixTerminal.describe(rc));
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return Path.of(new String(buf, 0, len, StandardCharsets.US_ASCII));
    }

    /** Raw mode on the slave: bytes pass unchanged both ways, nothing is echoed or buffered. */
    private static void makeRaw(int slave) throws IOException {
        Termios t = new Termios();
        if (LIBC.tcgetattr(slave, t) != 0) {
            throw PosixTerminal.failure("tcgetattr");
        }
        LIBC.cfmakeraw(t);
        if (LIBC.tcsetattr(slave, PosixTerminal.TCSANOW, t) != 0) {
            throw PosixTerminal.failure("tcsetattr");
        }
    }

    private static void setNonBlocking(int fd) throws IOException {
        int flags = LIBC.fcntl(fd, PosixTerminal.F_GETFL, 0);
        if (flags < 0 || LIBC.fcntl(fd, PosixTerminal.F_SETFL, flags | PosixTerminal.O_NONBLOCK) < 0) {
            throw PosixTerminal.failure("fcntl O_NONBLOCK");
        }
    }

    private static void refuseNonLink(Path link) throws IOException {
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new IOException("refusing to replace " + link
                    + ": it exists and is not a symbolic link");
        }
    }

    private static void replaceLink(Path link, Path target) throws IOException {
        refuseNonLink(link);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    /** Deletes the link unless something else has since been put in its place. */
    private void removeLink() {
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(slavePath)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            log.warn("could not remove {}: {}", link, e.toString());
        }
    }
}
