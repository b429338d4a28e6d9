package dev.sim800emu.modem.serial;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PTY master on the modem's own epoll event loop, registered through Netty's
 * {@link IoEventLoop#register} like a channel: what the program types reaches the engine in the
 * loop's own wake-up, with no thread hand-off (the hop a reader thread needs costs a second
 * wake-up per command and most of the PTY's latency tail). Output the terminal could not take is
 * drained here too, on EPOLLOUT.
 *
 * <p>Level-triggered: while input waits and the modem takes it, epoll keeps reporting it, so one
 * read per chunk and no loop until EAGAIN is needed. While the modem takes no input, EPOLLIN is
 * left out of the interest set and the bytes wait in the terminal.
 *
 * <p>Reads and writes use Netty's JNI calls on its {@link FileDescriptor} view of the master, into
 * direct buffers; that view is never closed through Netty: {@link PtyDevice} owns the descriptor.
 */
final class PtyLoopReader implements PtyReader, EpollIoHandle {
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);
    private static final int READ_CHUNK = 4096;
    private static final int WRITE_CHUNK = 16 * 1024;
    /** EPOLLHUP, which Netty's EpollIoOps has no constant for. */
    private static final int EPOLLHUP = 0x10;

    private final IoEventLoop loop;
    private final FileDescriptor master;
    private final Path link;
    private final PtyOutput output;
    private final Consumer<byte[]> toModem;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_CHUNK);
    private IoRegistration registration;
    private boolean paused;
    private boolean outputWaits;
    private EpollIoOps submitted;

    /** @param toModem what the program typed, on the loop; the array is the receiver's */
    PtyLoopReader(IoEventLoop loop, PtyDevice device, Path link, PtyOutput output, Consumer<byte[]> toModem) {
        this.loop = loop;
        this.master = new FileDescriptor(device.master);
        this.link = link;
        this.output = output;
        this.toModem = toModem;
        output.use(this::write, this::backlogStarted);
    }

    /** Whether {@code loop} can carry this reader: a Netty epoll loop. */
    static boolean fits(io.netty.channel.EventLoop loop) {
        return loop instanceof IoEventLoop io && io.isCompatible(PtyLoopReader.class);
    }

    @Override
    public void start() throws Exception {
        registration = loop.register(this).getNow();
        if (registration == null) {
            throw new IOException("the event loop refused the PTY");
        }
        interest();
    }

    @Override
    public void inputReady(boolean ready) {
        paused = !ready;
        interest();
    }

    @Override
    public void stop() {
        IoRegistration r = registration;
        registration = null;
        if (r != null) {
            r.cancel();
        }
    }

    /** Nothing to wait for: the loop ran {@link #stop}, or shut down and cancelled every registration. */
    @Override
    public void awaitStopped() {
    }

    // ------------------------------------------------------------------ EpollIoHandle

    @Override
    public FileDescriptor fd() {
        return master;
    }

    @Override
    public void handle(IoRegistration reg, IoEvent event) {
        EpollIoOps ops = ((EpollIoEvent) event).ops();
        if (ops.contains(EpollIoOps.EPOLLERR) || (ops.value() & EPOLLHUP) != 0) {
            // Cannot happen while the endpoint holds the slave open; stop rather than spin.
            log.error("{}: the terminal reported an error ({}); the port no longer works", link, ops);
            stop();
            return;
        }
        if (ops.contains(EpollIoOps.EPOLLOUT)) {
            output.drain();
            if (!output.pending()) {
                outputWaits = false;
                interest();
            }
        }
        if (ops.contains(EpollIoOps.EPOLLIN) && !paused) {
            read();
        }
    }

    /** Netty closes registered handles when the loop shuts down; the descriptors are the endpoint's. */
    @Override
    public void close() {
        registration = null;
    }

    // ------------------------------------------------------------------ I/O

    private void read() {
        int n;
        try {
            n = master.read(readBuffer, 0, READ_CHUNK);
        } catch (IOException e) {
            log.error("{}: read failed; the port no longer works", link, e);
            stop();
            return;
        }
        if (n > 0) {
            byte[] bytes = new byte[n]; // the engine and the line's observers may keep it
            readBuffer.get(0, bytes, 0, n);
            toModem.accept(bytes);
        } else if (n < 0) {
            log.error("{}: unexpected end of file on the master; the port no longer works", link);
            stop();
        }
        // 0: EAGAIN, someone else's wake-up; epoll reports the next input
    }

    /** {@link PtyOutput.MasterWrite} through Netty's JNI write: what the terminal takes now. */
    private int write(byte[] bytes, int offset, int length) {
        int n = Math.min(length, WRITE_CHUNK);
        writeBuffer.clear();
        writeBuffer.put(bytes, offset, n);
        try {
            return master.write(writeBuffer, 0, n);
        } catch (IOException e) {
            log.warn("{}: write failed: {}", link, e.toString());
            return 0;
        }
    }

    private void backlogStarted() {
        outputWaits = true;
        interest();
    }

    /** Tells epoll what to watch: input unless the modem is paused, room while output waits. */
    private void interest() {
        IoRegistration r = registration;
        if (r == null) {
            return;
        }
        // Never NONE: Netty 4.2.18 takes NONE as "remove the descriptor from epoll" and then fails
        // the next change. EPOLLERR is reported whatever the set says, so asking for it is asking
        // for nothing more.
        EpollIoOps ops = EpollIoOps.EPOLLERR;
        if (!paused) {
            ops = ops.with(EpollIoOps.EPOLLIN);
        }
        if (outputWaits) {
            ops = ops.with(EpollIoOps.EPOLLOUT);
        }
        if (!ops.equals(submitted)) {
            submitted = ops;
            r.submit(ops);
        }
    }
}
