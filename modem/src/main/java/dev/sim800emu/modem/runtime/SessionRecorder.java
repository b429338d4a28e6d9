package dev.sim800emu.modem.runtime;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.record.EventKind;
import dev.sim800emu.modem.record.RecordedEvent;
import dev.sim800emu.modem.record.RecordingFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --record FILE}: every byte both ways, the host's DTR/RTS, the modem's output lines and the
 * hosts coming and going (each endpoint's connection), in the recording format (docs/record-replay.md). The modem's thread only stamps and copies each event
 * onto a queue; a writer thread of its own formats and writes, flushing whenever the queue runs
 * dry, so a slow disk never holds up the modem (the queue grows instead).
 */
public final class SessionRecorder implements SerialObserver, Closeable {
    private static final RecordedEvent END = RecordedEvent.host(0, new byte[0]);

    private final long startNanos = System.nanoTime();
    private final BlockingQueue<RecordedEvent> queue = new LinkedBlockingQueue<>();
    private final Writer out;
    private final Thread writer;
    /**
     * The modem republishes unchanged lines after commands; only changes are recorded, from all
     * off (no power), as a replay counts them. Loop only.
     */
    private LineState lastLines = LineState.OFF;
    private volatile boolean closed;
    private volatile IOException failure;

    private SessionRecorder(Writer out, String header) throws IOException {
        this.out = out;
        out.write(header);
        this.writer = new Thread(this::drain, "sim800emu-record");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Starts recording {@code modem}'s line into {@code file} (created or truncated), from now on:
     * call before the first host connects to have the boot URCs.
     */
    public static SessionRecorder start(VirtualModem modem, ModemConfig config, Path file) throws IOException {
        SessionRecorder r = new SessionRecorder(Files.newBufferedWriter(file, StandardCharsets.US_ASCII),
                RecordingFormat.header(header(config.identity(), Instant.now(config.wallClock()))));
        try {
            modem.runAndWait(e -> modem.observe(r)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            r.close();
            throw new IOException("cannot watch the modem's line: " + e, e);
        }
        return r;
    }

    /** The header options of a recording of a modem with {@code identity}. */
    public static Map<String, String> header(ModemIdentity identity, Instant started) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("model", identity.chipModel().name());
        h.put("firmware", (identity.r13() ? Firmware.R13_08 : Firmware.R14_18).label());
        h.put("imei", identity.imei());
        h.put("started", started.toString());
        return h;
    }

    private long micros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    private void add(RecordedEvent e) {
        if (!closed) {
            queue.add(e);
        }
    }

    @Override
    public void fromHost(byte[] bytes, int off, int len) {
        if (len > 0) {
            add(RecordedEvent.host(micros(), Arrays.copyOfRange(bytes, off, off + len)));
        }
    }

    @Override
    public void fromModem(byte[] bytes) {
        if (bytes.length > 0) {
            add(RecordedEvent.modem(micros(), bytes.clone()));
        }
    }

    @Override
    public void hostDtr(boolean asserted) {
        add(RecordedEvent.hostLine(micros(), EventKind.DTR, asserted));
    }

    @Override
    public void hostRts(boolean asserted) {
        add(RecordedEvent.hostLine(micros(), EventKind.RTS, asserted));
    }

    @Override
    public void modemLines(LineState s) {
        if (!s.equals(lastLines)) {
            lastLines = s;
            add(RecordedEvent.lines(micros(), s.dcd(), s.ri(), s.cts(), s.dsr()));
        }
    }

    @Override
    public void hostConnected(String endpoint) {
        add(RecordedEvent.connect(micros(), endpoint));
    }

    @Override
    public void hostDisconnected(String endpoint, boolean poweredOff) {
        add(RecordedEvent.disconnect(micros(), endpoint, poweredOff));
    }

    private void drain() {
        try {
            for (RecordedEvent e = queue.take(); e != END; e = queue.take()) {
                if (failure == null) {
                    write(e);
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
        }
    }

    private void write(RecordedEvent e) {
        try {
            out.write(RecordingFormat.line(e));
            out.write('\n');
        } catch (IOException ex) {
            failure = ex;
        }
    }

    /** The first write error, if any (the recording stops at it; the modem runs on). */
    public IOException failure() {
        return failure;
    }

    /** Writes what is queued and closes the file; events after this are not recorded. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(END);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
        if (failure != null) {
            throw failure;
        }
    }
}
