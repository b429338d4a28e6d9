package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.runtime.VirtualModem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
 * <h2>Reading</h2>
 * Where the modem's event loop is Netty's epoll loop (Linux, the CLI's default), the master is
 * registered with that loop and read there ({@link PtyLoopReader}): input reaches the engine with no
 * thread hand-off. Elsewhere (an NIO loop, a platform without the native transport) a daemon thread
 * waits in {@code poll()} on the master and hands input to the loop ({@link PtyReaderThread});
 * {@link Reading} picks one explicitly. Either way, while the modem takes no input (its type-ahead
 * buffer is full) the master is not read: the bytes wait in the terminal, and a program writing
 * more blocks, as on a UART with flow control. Modem output arrives on the modem's event loop, which
 * must never block; the master is non-blocking, so output the kernel cannot take at once (no program
 * reading) is kept in a backlog that the reader drains when the terminal has room. Beyond
 * {@value PtyOutput#BACKLOG_LIMIT} bytes the oldest output is dropped, with a warning.
 *
 * <p>{@link PtyDevice} opens the descriptors and {@link PtyOutput} keeps the backlog; this class
 * owns the reader, the symbolic link and the modem connection.
 */
public final class PtyEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);

    /** Who reads the master. */
    public enum Reading {
        /** The modem's event loop when it is epoll, a thread otherwise. */
        AUTO,
        /** The modem's event loop; {@link #open} fails unless it is Netty's epoll loop. */
        EVENT_LOOP,
        /** A thread of the endpoint's own, whatever the loop. */
        THREAD
    }

    /** The modem behind the PTY, or null when it is some other {@link PtyPeer} (a replay). */
    private final VirtualModem modem;
    private final PtyPeer peer;
    private final Path link;
    private final Path slavePath;
    private final PtyDevice device;
    private final PtyOutput output;
    private final PtyReader reader;
    private final Reading reading;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PtyEndpoint(VirtualModem modem, PtyPeer peer, Path link, PtyDevice device, boolean onLoop) {
        this.modem = modem;
        this.peer = peer;
        this.link = link;
        this.slavePath = device.slavePath;
        this.device = device;
        this.output = new PtyOutput(device, link, closed::get);
        if (onLoop) {
            this.reading = Reading.EVENT_LOOP;
            this.reader = new PtyLoopReader((io.netty.channel.IoEventLoop) modem.eventLoop(), device, link, output,
                    bytes -> modem.hostInput(bytes, 0, bytes.length));
        } else {
            this.reading = Reading.THREAD;
            this.reader = new PtyReaderThread(device, link, output, modem != null ? modem::input : peer::input);
        }
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
        return open(modem, link, Reading.AUTO);
    }

    /**
     * The same, with the master read as {@code reading} says.
     *
     * @throws IllegalArgumentException for {@link Reading#EVENT_LOOP} when the modem's loop is not epoll
     */
    public static PtyEndpoint open(VirtualModem modem, Path link, Reading reading) throws IOException {
        Objects.requireNonNull(modem, "modem");
        boolean epoll = PtyLoopReader.fits(modem.eventLoop());
        if (reading == Reading.EVENT_LOOP && !epoll) {
            throw new IllegalArgumentException("the modem's event loop is not Netty's epoll loop");
        }
        return open(modem, null, link, epoll && reading != Reading.THREAD);
    }

    /**
     * A PTY with something else than a modem behind it (a replay of one): read by a thread, the
     * peer's output going to the PTY from {@link PtyPeer#attach} until {@link #close()}.
     */
    public static PtyEndpoint open(PtyPeer peer, Path link) throws IOException {
        Objects.requireNonNull(peer, "peer");
        return open(null, peer, link, false);
    }

    private static PtyEndpoint open(VirtualModem modem, PtyPeer peer, Path link, boolean onLoop) throws IOException {
        Objects.requireNonNull(link, "link");
        // Checked before creating anything, so that a mistaken path costs no PTY. Rechecked below.
        refuseNonLink(link);
        PtyDevice device = PtyDevice.open();
        boolean linked = false;
        PtyEndpoint pty;
        try {
            replaceLink(link, device.slavePath);
            linked = true;
            pty = new PtyEndpoint(modem, peer, link, device, onLoop);
        } catch (IOException | RuntimeException | Error e) {
            if (linked) {
                Files.deleteIfExists(link);
            }
            device.close();
            throw e;
        }
        // From here on the endpoint owns the descriptors, the reader and the link.
        try {
            if (modem == null) {
                pty.attachPeer();
            } else {
                pty.host = pty.connect().get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            pty.close();
            throw e;
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
        log.info("modem on {} -> {} (read on {})", link, pty.slavePath,
                pty.reading == Reading.EVENT_LOOP ? "the event loop" : "a thread");
        return pty;
    }

    /** On the modem's loop: starts the reader, then joins the line (which powers the modem on). */
    private CompletableFuture<VirtualModem.Host> connect() {
        CompletableFuture<VirtualModem.Host> f = new CompletableFuture<>();
        modem.run(e -> {
            try {
                reader.start();
                f.complete(modem.connectHost("pty", output::write, new ModemLines() {
                    @Override
                    public void onLines(LineState state) {
                    }

                    @Override
                    public void onInputReady(boolean ready) {
                        reader.inputReady(ready);
                    }
                }));
            } catch (Exception | Error ex) {
                f.completeExceptionally(ex);
            }
        });
        return f;
    }

    /** Starts the reader's thread, then gives the peer the PTY's output. */
    private void attachPeer() throws IOException, java.util.concurrent.ExecutionException {
        try {
            reader.start();
        } catch (Exception e) {
            throw new java.util.concurrent.ExecutionException(e);
        }
        detach = peer.attach(output::write);
    }

    /** Who reads the master: {@link Reading#EVENT_LOOP} or {@link Reading#THREAD}. */
    public Reading reading() {
        return reading;
    }

    /** This PTY as a host on the modem's line, once connected. */
    private volatile VirtualModem.Host host;
    /** Undoes a {@link PtyPeer}'s attach, once attached. */
    private volatile Runnable detach;

    /** The PTY's slave device, e.g. {@code /dev/pts/3}. */
    public Path slavePath() {
        return slavePath;
    }

    /** The symbolic link programs open. */
    public Path link() {
        return link;
    }

    /**
     * Powers the modem off, stops the reader, closes the PTY (programs holding the port see a
     * hang-up) and removes the link if it still points to this PTY. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (modem == null) {
            Runnable d = detach;
            if (d != null) {
                d.run();
            }
            reader.stop();
        } else {
            leaveModem();
        }
        reader.awaitStopped();
        output.discard();
        device.close();
        removeLink();
        log.info("closed {} ({})", link, slavePath);
    }

    /** On the modem's loop: the PTY leaves the line (the modem powers off) and the reader stops. */
    private void leaveModem() {
        try {
            VirtualModem.Host h = host;
            modem.runAndWait(e -> {
                if (h != null) {
                    h.disconnect(true);
                }
                reader.stop();
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RuntimeException e) {
            // The event loop is already gone; the PTY must still be released.
            log.warn("{}: could not power the modem off: {}", link, e.toString());
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
