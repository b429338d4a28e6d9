package dev.sim800emu.modem.netty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * The one libc call Netty does not offer: {@code ioctl(fd, SIOCOUTQ)}, the number of bytes in a TCP
 * socket's send queue that the peer has not acknowledged yet (Linux only).
 *
 * <p>Uses JNA direct mapping, which is several times cheaper than an interface proxy; the call is
 * made up to a thousand times a second per busy link.
 */
final class Libc {
    /** SIOCOUTQ is TIOCOUTQ, whose value is 0x5411 on the "generic" ioctl layout (x86, ARM, RISC-V). */
    private static final NativeLong SIOCOUTQ = new NativeLong(0x5411);
    private static final boolean AVAILABLE = load();

    private Libc() {
    }

    private static boolean load() {
        // Other Linux architectures (PowerPC, MIPS, SPARC) number TIOCOUTQ differently.
        if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM() || "riscv64".equals(Platform.ARCH))) {
            return false;
        }
        try {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: JNA cannot run here
            return false;
        }
    }

    /** Whether {@link #unacknowledged} can be called. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Bytes written to the TCP socket {@code fd} and not yet acknowledged by the peer.
     *
     * @throws LastErrorException when the kernel refuses (for instance a closed descriptor)
     */
    static int unacknowledged(int fd) {
        int[] out = new int[1];
        ioctl(fd, SIOCOUTQ, out);
        return out[0];
    }

    // ioctl is variadic in C; declaring the third argument as a pointer matches the calling
    // convention of the platforms accepted in load().
    private static native int ioctl(int fd, NativeLong request, int[] arg) throws LastErrorException;
}
