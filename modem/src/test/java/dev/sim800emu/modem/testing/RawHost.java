package dev.sim800emu.modem.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A host on the raw TCP serial endpoint that reads everything the modem prints, all the time (a
 * reader thread), as a well-behaved host does. Writes happen on the caller's thread, or on a
 * writer thread with {@link #writeAsync}, so that a host whose writes are blocked by back-pressure
 * can still be closed.
 */
public final class RawHost implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    /** What the modem printed and no {@link #await} has consumed yet; guarded by itself. */
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private long total;
    private final Thread reader;
    private volatile boolean eof;
    private volatile Thread writer;

    private RawHost(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (received) {
                        received.write(buf, 0, n);
                        total += n;
                        received.notifyAll();
                    }
                }
            } catch (IOException e) {
                // closed by us, or reset
            } finally {
                eof = true;
                synchronized (received) {
                    received.notifyAll();
                }
            }
        }, "raw-host-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static RawHost connect(InetSocketAddress serial) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(serial, 2000);
        return new RawHost(s);
    }

    /** Connects and waits for the boot URCs (ending with SMS Ready); fails if the host is refused. */
    public static RawHost connectBooted(InetSocketAddress serial, Duration timeout) throws IOException {
        RawHost h = connect(serial);
        if (!h.await("SMS Ready\r\n", timeout)) {
            String why = h.eof ? "the modem closed the connection (refused as busy?)"
                    : "no boot URCs within " + timeout + ": " + h.text();
            h.close();
            throw new AssertionError(why);
        }
        return h;
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void write(String ascii) throws IOException {
        write(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes on a thread of its own; the write may block until the modem reads. */
    public void writeAsync(byte[] bytes) {
        Thread t = new Thread(() -> {
            try {
                write(bytes);
            } catch (IOException e) {
                // closed while blocked: what the test wants to provoke
            }
        }, "raw-host-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    /**
     * Waits until {@code text} appears after what earlier awaits consumed; consumes up to its end.
     */
    public boolean await(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] want = text.getBytes(StandardCharsets.ISO_8859_1);
        int searched = 0;
        synchronized (received) {
            while (true) {
                byte[] have = received.toByteArray();
                int at = indexOf(have, want, Math.max(0, searched - want.length));
                searched = have.length;
                if (at >= 0) {
                    received.reset();
                    received.write(have, at + want.length, have.length - at - want.length);
                    return true;
                }
                if (have.length > 1 << 20) {
                    // Keep the buffer small: only a possible partial match at the end matters.
                    received.reset();
                    received.write(have, have.length - want.length, want.length);
                    searched = want.length;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || eof) {
                    return false;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * The next bytes the modem prints are exactly {@code text}: waits until that many have arrived
     * (or {@code timeout}), compares them, and consumes them.
     */
    public void expect(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < text.length() && !eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            byte[] have = received.toByteArray();
            int n = Math.min(have.length, text.length());
            String got = new String(have, 0, n, StandardCharsets.ISO_8859_1);
            if (!got.equals(text)) {
                throw new AssertionError("expected " + escape(text) + " but the modem printed " + escape(got)
                        + (n < text.length() ? " (and nothing more within " + timeout + ")" : ""));
            }
            received.reset();
            received.write(have, n, have.length - n);
        }
    }

    /** Nothing more arrives within {@code time}. */
    public void expectSilence(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
        synchronized (received) {
            if (received.size() > 0) {
                throw new AssertionError("stray output: " + escape(received.toString(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    private static String escape(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    /** Sends {@code line} + CR and waits for {@code answer}. */
    public boolean cmd(String line, String answer, Duration timeout) throws IOException {
        write(line + "\r");
        return await(answer, timeout);
    }

    /**
     * The next {@code n} bytes the modem printed (fewer if they do not come in time), for tests that
     * compare exact bytes; what follows stays for the next call.
     */
    public String take(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < n && !eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            byte[] have = received.toByteArray();
            int k = Math.min(n, have.length);
            received.reset();
            received.write(have, k, have.length - k);
            return new String(have, 0, k, StandardCharsets.ISO_8859_1);
        }
    }

    /** Skips everything received so far. */
    public void skip() {
        synchronized (received) {
            received.reset();
        }
    }

    public boolean eof() {
        return eof;
    }

    public long receivedBytes() {
        synchronized (received) {
            return total;
        }
    }

    /** The tail of what the modem printed, for failure messages. */
    public String text() {
        synchronized (received) {
            String s = received.toString(StandardCharsets.ISO_8859_1);
            s = s.length() > 300 ? "…" + s.substring(s.length() - 300) : s;
            return s.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(2000);
            Thread w = writer;
            if (w != null) {
                w.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
