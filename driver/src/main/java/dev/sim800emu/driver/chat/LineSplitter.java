package dev.sim800emu.driver.chat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts the modem's output into lines, the send prompt and raw payloads. Sans-I/O: bytes go in by
 * {@link #feed}, events come out through the {@link Listener}, on the caller's thread.
 *
 * <p>A line ends at LF; CRs are dropped and empty lines skipped. The prompt {@code "> "} has no line
 * end, so it is recognised at the start of a line when the listener is waiting for one. After a line,
 * the listener may ask for a number of raw bytes (the payload after {@code +CIPRXGET: 2,…} or
 * {@code +RECEIVE,…:}); those are delivered whole, never parsed, whatever they contain.
 */
public final class LineSplitter {
    /** Longer lines are cut here: a modem babbling without LFs must not grow the buffer forever. */
    static final int MAX_LINE = 4096;

    /** What the splitter finds. */
    public interface Listener {
        /** A complete line without CR/LF; returns how many raw bytes follow it (usually 0). */
        int line(String line);

        /** The prompt {@code "> "} arrived; returns false if nobody waits for one (it is then text). */
        boolean prompt();

        /** The raw bytes a {@link #line} asked for. */
        void raw(byte[] payload);
    }

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte[] raw;
    private int rawFilled;

    public LineSplitter(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] bytes, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (raw != null) {
                int n = Math.min(end - i, raw.length - rawFilled);
                System.arraycopy(bytes, i, raw, rawFilled, n);
                rawFilled += n;
                i += n;
                if (rawFilled == raw.length) {
                    byte[] done = raw;
                    raw = null;
                    listener.raw(done);
                }
                continue;
            }
            byte b = bytes[i++];
            if (b == '\n') {
                endLine();
            } else if (b != '\r') {
                line.write(b);
                if (line.size() == 2 && isPrompt() && listener.prompt()) {
                    line.reset();
                } else if (line.size() >= MAX_LINE) {
                    endLine();
                }
            }
        }
    }

    private boolean isPrompt() {
        byte[] b = line.toByteArray();
        return b[0] == '>' && b[1] == ' ';
    }

    private void endLine() {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        int follows = listener.line(text);
        if (follows > 0) {
            raw = new byte[follows];
            rawFilled = 0;
        }
    }
}
