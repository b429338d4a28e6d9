package dev.sim800emu.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A bare pseudo-terminal for the raw PTY baseline: master and slave path, the slave in raw mode
 * (as the emulator's endpoint sets it), the master blocking. Linux only (JNA, glibc's layout of
 * {@code struct termios}).
 */
final class PtyPair implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final int TCSANOW = 0;
    static final LibC LIBC = Native.load("c", LibC.class);

    final int master;
    /** Kept open so that the raw mode survives the client's open and close, as in the emulator. */
    private final int slave;
    final Path slavePath;

    PtyPair() throws IOException {
        master = LIBC.posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || LIBC.grantpt(master) != 0 || LIBC.unlockpt(master) != 0) {
            throw new IOException("posix_openpt failed, errno " + Native.getLastError());
        }
        byte[] name = new byte[128];
        if (LIBC.ptsname_r(master, name, new NativeLong(name.length)) != 0) {
            throw new IOException("ptsname_r failed");
        }
        int len = 0;
        while (name[len] != 0) {
            len++;
        }
        slavePath = Path.of(new String(name, 0, len, StandardCharsets.US_ASCII));
        slave = LIBC.open(slavePath.toString(), O_RDWR | O_NOCTTY);
        Termios t = new Termios();
        if (slave < 0 || LIBC.tcgetattr(slave, t) != 0) {
            throw new IOException("cannot open " + slavePath);
        }
        LIBC.cfmakeraw(t);
        if (LIBC.tcsetattr(slave, TCSANOW, t) != 0) {
            throw new IOException("tcsetattr failed on " + slavePath);
        }
    }

    /** Closes this side's slave descriptor: once no program holds the slave, reads on the master fail. */
    void closeSlave() {
        LIBC.close(slave);
    }

    @Override
    public void close() {
        LIBC.close(master);
    }

    interface LibC extends Library {
        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        int ptsname_r(int fd, byte[] buf, NativeLong len);

        int open(String path, int flags);

        int close(int fd);

        int tcgetattr(int fd, Termios termios);

        int tcsetattr(int fd, int when, Termios termios);

        void cfmakeraw(Termios termios);
    }

    @Structure.FieldOrder({"c_iflag", "c_oflag", "c_cflag", "c_lflag", "c_line", "c_cc", "c_ispeed", "c_ospeed"})
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
}
