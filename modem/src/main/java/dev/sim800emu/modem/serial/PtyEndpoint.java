package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.PosixTerminal.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.sim800emu.modem.runtime.VirtualModem;
import dev.sim800emu.modem.serial.PosixTerminal.PollFd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
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
 * Beyond {@value PtyOutput#BACKLOG_LIMIT} bytes the oldest output is dropped, with a warning.
 *
 * <p>{@link PtyDevice} opens the descriptors and {@link PtyOutput} keeps the backlog; this class
 * owns the thread, the symbolic link and the modem connection.
 */
public final class PtyEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);
    private static final int READ_CHUNK = 4096;
    /**
     * While output is pending the thread also retries this often, not only on POLLOUT: a wake-up
     * from the terminal freeing room is what it waits for, the timeout is only a safety net.
     */
    private static final int RETRY_MILLIS = 100;

    private final VirtualModem modem;
    private final Path link;
    private final Path slavePath;
    private final PtyDevice device;
    private final PtyOutput output;
    private final Thread reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PtyEndpoint(VirtualModem modem, Path link, PtyDevice device) {
        this.modem = modem;
        this.link = link;
        this.slavePath = device.slavePath;
        this.device = device;
        this.output = new PtyOutput(device, link, closed::get);
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
        PtyDevice device = PtyDevice.open();
        boolean linked = false;
        PtyEndpoint pty;
        try {
            replaceLink(link, device.slavePath);
            linked = true;
            pty = new PtyEndpoint(modem, link, device);
            pty.reader.start();
        } catch (IOException | RuntimeException | Error e) {
            if (linked) {
                Files.deleteIfExists(link);
            }
            device.close();
            throw e;
        }
        // From here on the endpoint owns the descriptors, the thread and the link.
        try {
            pty.host = modem.hostConnected(pty.output::write).get(5, java.util.concurrent.TimeUnit.SECONDS);
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
        output.wake();
        joinReader();
        output.discard();
        device.close();
        removeLink();
        log.info("closed {} ({})", link, slavePath);
    }

    // ------------------------------------------------------------------ the thread

    /** Reads what the program types and drains the backlog, until {@link #close()}. */
    private void pump() {
        PollFd[] fds = (PollFd[]) new PollFd().toArray(2);
        Memory readBuffer = new Memory(READ_CHUNK);
        try {
            while (!closed.get()) {
                boolean pending = output.pending();
                fds[0].fd = device.master;
                fds[0].events = (short) (PosixTerminal.POLLIN | (pending ? PosixTerminal.POLLOUT : 0));
                fds[0].revents = 0;
                fds[1].fd = device.wakeRead;
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
                    device.drainWakePipe(readBuffer, READ_CHUNK);
                }
                short events = fds[0].revents;
                if ((events & PosixTerminal.POLLIN) != 0) {
                    readInput(readBuffer);
                } else if ((events & (PosixTerminal.POLLERR | PosixTerminal.POLLHUP
                        | PosixTerminal.POLLNVAL)) != 0) {
                    // Cannot happen while we hold the slave open; bail out rather than spin.
                    throw new IOException("the terminal reported an error (poll events 0x"
                            + HexFormat.of().toHexDigits(events) + ")");
                }
                if (pending) {
                    output.drain();
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
        long n = LIBC.read(device.master, buffer, new NativeLong(READ_CHUNK)).longValue();
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

    // ------------------------------------------------------------------ the link

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
