package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.PosixTerminal.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.sim800emu.modem.serial.PosixTerminal.PollFd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PTY master on a daemon thread of its own, {@code pty-reader-N}, waiting in
 * {@code poll()}: the fallback where the modem's event loop is not epoll (NIO, or a platform
 * without Netty's native transport). What the program types is handed to the modem's loop, which
 * costs a thread hand-off per chunk; output the terminal could not take is drained by this thread.
 * The wake-up pipe brings the thread round its loop when output starts to wait, when the modem's
 * readiness changes, and on {@link #stop}.
 */
final class PtyReaderThread implements PtyReader {
    private static final Logger log = LoggerFactory.getLogger(PtyEndpoint.class);
    private static final int READ_CHUNK = 4096;
    /**
     * While output is pending the thread also retries this often, not only on POLLOUT: a wake-up
     * from the terminal freeing room is what it waits for, the timeout is only a safety net.
     */
    private static final int RETRY_MILLIS = 100;

    private final PtyDevice device;
    private final Path link;
    private final PtyOutput output;
    private final Consumer<byte[]> toModem;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean paused;

    /** @param toModem what the program typed, on this thread; the array is the receiver's */
    PtyReaderThread(PtyDevice device, Path link, PtyOutput output, Consumer<byte[]> toModem) {
        this.device = device;
        this.link = link;
        this.output = output;
        this.toModem = toModem;
        this.thread = new Thread(this::pump, "pty-reader-" + device.slavePath.getFileName());
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void inputReady(boolean ready) {
        if (paused == ready) {
            paused = !ready;
            output.wake();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        output.wake();
    }

    @Override
    public void awaitStopped() {
        stop();
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        boolean interrupted = false;
        // The thread leaves poll() as soon as the wake-up arrives; the descriptors may only be
        // closed after that, or a number reused by another open() could be polled or read.
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads what the program types and drains the backlog, until {@link #stop}. */
    private void pump() {
        PollFd[] fds = (PollFd[]) new PollFd().toArray(2);
        Memory readBuffer = new Memory(READ_CHUNK);
        try {
            while (!stopped) {
                boolean pending = output.pending();
                fds[0].fd = device.master;
                fds[0].events = (short) ((paused ? 0 : PosixTerminal.POLLIN) | (pending ? PosixTerminal.POLLOUT : 0));
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
            if (!stopped) {
                log.error("{}: the PTY thread stopped; the port no longer works", link, e);
            }
        }
    }

    /** One read from the master, handed to the modem. */
    private void readInput(Memory buffer) throws IOException {
        long n = LIBC.read(device.master, buffer, new NativeLong(READ_CHUNK)).longValue();
        if (n > 0) {
            toModem.accept(buffer.getByteArray(0, (int) n));
        } else if (n == 0) {
            throw new IOException("unexpected end of file on the master");
        } else {
            int errno = Native.getLastError();
            if (errno != PosixTerminal.EAGAIN && errno != PosixTerminal.EINTR) {
                throw new IOException("read failed: " + PosixTerminal.describe(errno));
            }
        }
    }
}
