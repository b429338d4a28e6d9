package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.serial.PtyEndpoint;
import dev.sim800emu.modem.serial.PtyPeer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --as-modem --pty PATH}: the modem's side on a pseudo-terminal, PATH a symbolic link to it,
 * as the emulator's {@code --pty} ({@link PtyEndpoint}, with this replay as its peer instead of a
 * modem). What the program types is queued by the PTY's thread and read by the replay's.
 */
final class PtyHostSide implements HostSide, PtyPeer {
    private final BlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    private volatile SerialOutput toProgram;
    private final PtyEndpoint pty;
    /** What is left of a chunk the last read could not take. */
    private byte[] rest;
    private int restAt;

    PtyHostSide(Path link) throws IOException {
        pty = PtyEndpoint.open(this, link);
    }

    Path slavePath() {
        return pty.slavePath();
    }

    @Override
    public void input(byte[] bytes) {
        typed.add(bytes);
    }

    @Override
    public Runnable attach(SerialOutput out) {
        toProgram = out;
        return () -> toProgram = null;
    }

    @Override
    public boolean awaitHost(int timeoutMillis) {
        return true; // whoever opens the port: there is no telling when
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        if (rest == null) {
            try {
                rest = typed.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            restAt = 0;
            if (rest == null) {
                return 0;
            }
        }
        int n = Math.min(buf.length, rest.length - restAt);
        System.arraycopy(rest, restAt, buf, 0, n);
        restAt += n;
        if (restAt == rest.length) {
            rest = null;
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) {
        SerialOutput out = toProgram;
        if (out != null) {
            out.write(bytes);
        }
    }

    @Override
    public boolean seesHostsLeave() {
        return false;
    }

    @Override
    public void close() {
        pty.close();
    }
}
