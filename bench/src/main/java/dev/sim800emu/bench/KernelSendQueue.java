package dev.sim800emu.bench;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

/**
 * {@code ioctl(fd, SIOCOUTQ)}: bytes in a TCP socket's send queue that the peer has not acknowledged
 * yet. The same question the emulator's network asks before it prints SEND OK, here bound in the
 * benchmark module (the modem's own binding is package-private) with JNA direct mapping.
 *
 * <p>The descriptor of a {@link SocketChannel} is read through {@code sun.nio.ch.SelChImpl}, which
 * needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}. Linux on x86/ARM/RISC-V only.
 */
final class KernelSendQueue {
    /** SIOCOUTQ = TIOCOUTQ = 0x5411 on the generic ioctl layout. */
    private static final NativeLong SIOCOUTQ = new NativeLong(0x5411);

    static {
        if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM() || "riscv64".equals(Platform.ARCH))) {
            throw new UnsupportedOperationException("SIOCOUTQ is only bound for Linux on x86, ARM and RISC-V");
        }
        Native.register(KernelSendQueue.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private final int fd;
    private final int[] out = new int[1];

    KernelSendQueue(SocketChannel channel) {
        this(fdOf(channel));
    }

    /** For a socket known by its descriptor (a Netty epoll channel's {@code fd().intValue()}). */
    KernelSendQueue(int fd) {
        this.fd = fd;
    }

    /** Bytes written and not yet acknowledged by the peer. */
    int unacknowledged() {
        ioctl(fd, SIOCOUTQ, out);
        return out[0];
    }

    private static int fdOf(SocketChannel channel) {
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return (int) m.invoke(channel);
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw new IllegalStateException("cannot read the socket's descriptor; run with "
                    + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED", e);
        }
    }

    private static native int ioctl(int fd, NativeLong request, int[] arg) throws LastErrorException;
}
