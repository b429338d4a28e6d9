package dev.sim800emu.modem.serial;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.IOException;

/**
 * The few libc calls a pseudo-terminal needs, bound with JNA. Only Linux with glibc or musl on
 * x86_64 and aarch64 is meant: the constants and the {@code struct termios} layout below are that
 * ABI's (other architectures, e.g. PowerPC or MIPS, use different values).
 *
 * <p>Functions return -1 on failure and leave the reason in {@code errno}; JNA keeps errno after
 * every call, so {@link #failure} reads it with {@link Native#getLastError()}. {@code size_t} and
 * {@code ssize_t} are mapped to {@link NativeLong}, which has the same width on Linux.
 */
final class PosixTerminal {
    static final int O_RDWR = 2;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int TCSANOW = 0;

    static final short POLLIN = 0x001;
    static final short POLLOUT = 0x004;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;

    /** libc, loaded once. */
    static final LibC LIBC = Native.load("c", LibC.class);

    private PosixTerminal() {
    }

    /** The libc functions used, with their C signatures. */
    interface LibC extends Library {
        /** {@code int posix_openpt(int flags)}: opens a new PTY master (/dev/ptmx). */
        int posix_openpt(int flags);

        /** {@code int grantpt(int fd)}: gives the slave device to the calling user. */
        int grantpt(int fd);

        /** {@code int unlockpt(int fd)}: allows the slave to be opened. */
        int unlockpt(int fd);

        /** {@code int ptsname_r(int fd, char *buf, size_t len)}: the slave's path, thread-safely. */
        int ptsname_r(int fd, byte[] buf, NativeLong len);

        /** {@code int open(const char *path, int flags)}. */
        int open(String path, int flags);

        /** {@code int close(int fd)}. */
        int close(int fd);

        /** {@code ssize_t read(int fd, void *buf, size_t count)}. */
        NativeLong read(int fd, Pointer buf, NativeLong count);

        /** {@code ssize_t write(int fd, const void *buf, size_t count)}. */
        NativeLong write(int fd, Pointer buf, NativeLong count);

        /** {@code int fcntl(int fd, int cmd, int arg)}: the variadic call with one int argument. */
        int fcntl(int fd, int cmd, int arg);

        /** {@code int pipe2(int fds[2], int flags)}. */
        int pipe2(int[] fds, int flags);

        /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}. */
        int poll(PollFd[] fds, NativeLong nfds, int timeoutMillis);

        /** {@code int tcgetattr(int fd, struct termios *t)}. */
        int tcgetattr(int fd, Termios termios);

        /** {@code int tcsetattr(int fd, int when, const struct termios *t)}. */
        int tcsetattr(int fd, int when, Termios termios);

        /** {@code void cfmakeraw(struct termios *t)}: no echo, no line editing, 8 bits, no CR/NL mapping. */
        void cfmakeraw(Termios termios);

        /** {@code char *strerror(int errnum)}; only used to word error messages. */
        String strerror(int errnum);
    }

    /**
     * {@code struct termios} as glibc defines it on Linux (NCCS = 32): the kernel's struct plus the
     * two speed fields glibc keeps. Only passed through tcgetattr, cfmakeraw and tcsetattr.
     */
    @Structure.FieldOrder({"c_iflag", "c_oflag", "c_cflag", "c_lflag", "c_line", "c_cc", "c_ispeed",
        "c_ospeed"})
    public static final class Termios extends Structure {
        public int c_iflag;
        public int c_oflag;
        public int c_cflag;
        public int c_lflag;
        public byte c_line;
        public byte[] c_cc = new byte[32];
        public int c_ispeed;
        public int c_ospeed;
    }

    /** {@code struct pollfd}. Arrays of it must come from {@link Structure#toArray(int)}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** An IOException for a libc call that just failed, with errno's text. */
    static IOException failure(String call) {
        int errno = Native.getLastError();
        return new IOException(call + " failed: " + describe(errno));
    }

    /** errno as "text (errno N)". */
    static String describe(int errno) {
        return LIBC.strerror(errno) + " (errno " + errno + ")";
    }

    /** Closes {@code fd} if it is open (not negative), ignoring errors: used on cleanup paths. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            LIBC.close(fd);
        }
    }
}
