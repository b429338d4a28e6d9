package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.PosixTerminal.LIBC;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.sim800emu.modem.serial.PosixTerminal.Termios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The descriptors of one pseudo-terminal, set up through JNA: the master (non-blocking), a
 * descriptor of the slave in raw mode that stays open for the device's whole life, and a
 * non-blocking pipe that wakes the thread polling the master. {@link PtyEndpoint} says why each is
 * needed; this class only creates and releases them.
 */
final class PtyDevice {
    final Path slavePath;
    final int master;
    final int slave;
    final int wakeRead;
    final int wakeWrite;

    private PtyDevice(Path slavePath, int master, int slave, int wakeRead, int wakeWrite) {
        this.slavePath = slavePath;
        this.master = master;
        this.slave = slave;
        this.wakeRead = wakeRead;
        this.wakeWrite = wakeWrite;
    }

    /**
     * Opens a new PTY: master, slave in raw mode, wake-up pipe. Nothing is left open on failure.
     *
     * @throws IOException if a libc call fails
     */
    static PtyDevice open() throws IOException {
        int master = -1;
        int slave = -1;
        int[] wake = {-1, -1};
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
            return new PtyDevice(slavePath, master, slave, wake[0], wake[1]);
        } catch (IOException | RuntimeException | Error e) {
            PosixTerminal.closeQuietly(wake[0]);
            PosixTerminal.closeQuietly(wake[1]);
            PosixTerminal.closeQuietly(slave);
            PosixTerminal.closeQuietly(master);
            throw e;
        }
    }

    /** Empties the wake-up pipe; {@code buffer} is scratch space of {@code size} bytes. */
    void drainWakePipe(Memory buffer, int size) {
        while (LIBC.read(wakeRead, buffer, new NativeLong(size)).longValue() > 0) {
            // Only the wake-up matters, not the bytes.
        }
    }

    /** Closes every descriptor. Only once no thread polls, reads or writes them any more. */
    void close() {
        PosixTerminal.closeQuietly(wakeRead);
        PosixTerminal.closeQuietly(wakeWrite);
        PosixTerminal.closeQuietly(slave);
        PosixTerminal.closeQuietly(master);
    }

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
}
