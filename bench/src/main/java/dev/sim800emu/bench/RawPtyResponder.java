package dev.sim800emu.bench;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The raw PTY baseline: a pseudo-terminal whose master a plain thread reads in blocking mode,
 * answering every {@code requestSize} bytes with a fixed reply, and nothing else. Reads and writes
 * go through Netty's JNI file descriptor (the calls the emulator's PTY endpoint makes on its event
 * loop), into direct buffers, so the baseline pays no JNA cost.
 */
final class RawPtyResponder implements AutoCloseable {
    private final PtyPair pty;
    private final Thread thread;
    private volatile boolean closed;

    RawPtyResponder(int requestSize, byte[] reply) throws IOException {
        Epoll.ensureAvailability();
        pty = new PtyPair();
        FileDescriptor master = new FileDescriptor(pty.master);
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(reply.length);
        out.put(reply).flip();
        thread = new Thread(() -> answer(master, in, out, requestSize), "raw-pty-responder");
        thread.setDaemon(true);
        thread.start();
    }

    Path slavePath() {
        return pty.slavePath;
    }

    private void answer(FileDescriptor master, ByteBuffer in, ByteBuffer out, int requestSize) {
        int pending = 0;
        try {
            while (!closed) {
                int n = master.read(in, 0, in.capacity());
                if (n < 0) {
                    return;
                }
                pending += n;
                while (pending >= requestSize) {
                    pending -= requestSize;
                    int done = 0;
                    while (done < out.limit()) {
                        done += master.write(out, done, out.limit());
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("raw PTY responder stopped: " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        pty.closeSlave(); // with the client gone too, the blocked read fails with EIO
        thread.join(1000);
        pty.close();
    }
}
