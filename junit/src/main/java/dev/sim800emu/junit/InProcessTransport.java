package dev.sim800emu.junit;

import dev.sim800emu.driver.transport.Transport;
import dev.sim800emu.modem.runtime.VirtualModem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The driver plugged straight into a {@link VirtualModem} in the same JVM: no socket, no port. The
 * modem sees one more host on its line (as a TCP or PTY host would be); its output lands in a queue
 * this transport's input reads.
 */
public final class InProcessTransport implements Transport {
    private final VirtualModem modem;
    private final VirtualModem.Host host;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private byte[] head;
    private int headPos;
    private boolean closed;

    private InProcessTransport(VirtualModem modem) throws IOException {
        this.modem = modem;
        try {
            this.host = modem.hostConnected(this::fromModem).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to the modem");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to the virtual modem: " + e, e);
        }
    }

    /** Joins {@code modem}'s serial line (powering it on if it was off). */
    public static InProcessTransport connect(VirtualModem modem) throws IOException {
        return new InProcessTransport(modem);
    }

    /** On the modem's loop: never blocks, the queue is unbounded like a socket's receive side. */
    private synchronized void fromModem(byte[] bytes) {
        if (!closed) {
            queue.add(bytes);
            notifyAll();
        }
    }

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            synchronized (InProcessTransport.this) {
                while (head == null) {
                    if (closed) {
                        return -1;
                    }
                    head = queue.poll();
                    headPos = 0;
                    if (head == null) {
                        try {
                            InProcessTransport.this.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException();
                        }
                    }
                }
                int n = Math.min(len, head.length - headPos);
                System.arraycopy(head, headPos, b, off, n);
                headPos += n;
                if (headPos == head.length) {
                    head = null;
                }
                return n;
            }
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (InProcessTransport.this) {
                if (closed) {
                    throw new IOException("transport closed");
                }
            }
            modem.input(java.util.Arrays.copyOfRange(b, off, off + len));
        }
    };

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String describe() {
        return "in-process virtual modem";
    }

    /** Leaves the line; the modem stays powered for other hosts. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        modem.run(e -> host.disconnect(false));
    }
}
