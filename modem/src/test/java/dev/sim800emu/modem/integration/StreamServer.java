package dev.sim800emu.modem.integration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A plain blocking TCP server on 127.0.0.1 (ephemeral port), independent of Netty. Each accepted
 * connection gets an index (0, 1, … in accept order); a writer thread sends it
 * {@code streamFor.apply(index)} at once (nothing if null) and a reader thread records what it
 * receives. Reading can start paused, and the receive buffer can be made small, so that a sender's
 * data stays unacknowledged.
 */
final class StreamServer implements AutoCloseable {
    private final ServerSocket server;
    private final IntFunction<byte[]> streamFor;
    private final boolean readAtStart;
    private volatile boolean repeat;
    private volatile long pauseMillis;
    private final List<Conn> conns = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    StreamServer(IntFunction<byte[]> streamFor) throws IOException {
        this(streamFor, 0, true);
    }

    /**
     * @param receiveBuffer SO_RCVBUF for accepted sockets, or 0 for the system default
     * @param readAtStart whether accepted connections are read at once (else see {@link Conn#setReading})
     */
    StreamServer(IntFunction<byte[]> streamFor, int receiveBuffer, boolean readAtStart) throws IOException {
        this.streamFor = streamFor;
        this.readAtStart = readAtStart;
        server = new ServerSocket();
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        acceptor = new Thread(this::acceptLoop, "stream-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Makes writers of connections accepted from now on send their stream over and over until the
     * connection fails, pausing {@code pauseMillisPer8k} after each 8 KiB (0: as fast as possible).
     */
    StreamServer repeating(long pauseMillisPer8k) {
        repeat = true;
        pauseMillis = pauseMillisPer8k;
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized int accepted() {
        return conns.size();
    }

    /** The {@code index}-th accepted connection, waiting up to {@code timeout} for it. */
    synchronized Conn conn(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (conns.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no connection #" + index + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return conns.get(index);
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                synchronized (this) {
                    Conn c = new Conn(conns.size(), s, readAtStart, repeat, pauseMillis);
                    conns.add(c);
                    notifyAll();
                    c.start(streamFor.apply(c.index));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // ignore
        }
        acceptor.join(2000);
        List<Conn> all;
        synchronized (this) {
            all = new ArrayList<>(conns);
        }
        for (Conn c : all) {
            c.closeQuietly();
        }
    }

    /** One accepted connection. */
    static final class Conn {
        final int index;
        final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private boolean reading;
        private boolean ended;
        private volatile String endReason;
        private volatile boolean writeDone;
        private volatile IOException writeError;
        private final boolean repeat;
        private final long pauseMillis;
        private Thread readerThread;
        private Thread writerThread;

        Conn(int index, Socket socket, boolean reading, boolean repeat, long pauseMillis) {
            this.index = index;
            this.socket = socket;
            this.reading = reading;
            this.repeat = repeat;
            this.pauseMillis = pauseMillis;
        }

        void start(byte[] stream) {
            readerThread = new Thread(this::readLoop, "stream-server-read-" + index);
            readerThread.setDaemon(true);
            readerThread.start();
            if (stream != null) {
                writerThread = new Thread(() -> writeAll(stream), "stream-server-write-" + index);
                writerThread.setDaemon(true);
                writerThread.start();
            }
        }

        private void writeAll(byte[] stream) {
            try {
                OutputStream out = socket.getOutputStream();
                do {
                    for (int off = 0; off < stream.length; off += 8192) {
                        out.write(stream, off, Math.min(8192, stream.length - off));
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                    out.flush();
                } while (repeat);
                writeDone = true;
            } catch (IOException e) {
                writeError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readLoop() {
            byte[] buf = new byte[16384];
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    synchronized (this) {
                        while (!reading) {
                            wait();
                        }
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        end("eof");
                        return;
                    }
                    synchronized (this) {
                        received.write(buf, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                end(e.toString());
            } catch (InterruptedException e) {
                end("interrupted");
            }
        }

        private synchronized void end(String reason) {
            endReason = reason;
            ended = true;
            notifyAll();
        }

        synchronized void setReading(boolean on) {
            reading = on;
            notifyAll();
        }

        synchronized byte[] received() {
            return received.toByteArray();
        }

        /** Waits until {@code count} bytes have arrived; returns everything received so far. */
        synchronized byte[] awaitReceived(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new AssertionError("connection #" + index + " received " + received.size() + " of "
                            + count + " bytes" + (ended ? " and ended: " + endReason : ""));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return received.toByteArray();
        }

        /** Waits until the peer closed or reset the connection; returns the reason, or null on timeout. */
        synchronized String awaitEnd(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            reading = true;
            notifyAll();
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return endReason;
        }

        boolean ended() {
            synchronized (this) {
                return ended;
            }
        }

        boolean writeDone() {
            return writeDone;
        }

        /** Waits until a write failed (the peer reset or closed); its message, or null on timeout. */
        String awaitWriteFailure(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (writeError == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            IOException e = writeError;
            return e == null ? null : e.toString();
        }

        /** Abortive close: SO_LINGER 0, so the modem's socket gets an RST. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // ignore
            }
        }
    }
}
