package dev.sim800emu.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A host-side parser of the modem's command-mode output, in the manner of the integration tests'
 * {@code HostDriver} but without a reader thread: the benchmark thread reads and parses inline, with
 * one buffered {@code read} per socket wake-up. With echo off every item the modem prints starts with
 * CR LF: a line ({@code \r\n<text>\r\n}) or the CIPSEND prompt ({@code \r\n> }). The raw bytes of a
 * {@code +CIPRXGET: 2,…} read follow its line and are taken with {@link #skip}.
 *
 * <p>Manual-receive notices ({@code +CIPRXGET: 1,<n>}) are URCs that may come between any two
 * responses; {@link #next} absorbs them into {@link #readable}, which the caller also clears when a
 * read left nothing behind. The socket's 5 s timeout bounds every wait.
 */
final class SerialReader {
    static final String PROMPT = "> ";
    private static final String NOTICE = "+CIPRXGET: 1,";

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private final StringBuilder line = new StringBuilder(64);
    /** Per link: a notice said data is waiting, or the last read left some. */
    final boolean[] readable = new boolean[6];
    long notices;

    SerialReader(InputStream in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (pos == limit) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new EOFException("serial connection closed by the modem");
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xFF;
    }

    /** The next item: a line's text without its CR LF, or {@link #PROMPT}; notices are absorbed. */
    String next() throws IOException {
        while (true) {
            String item = item();
            if (!absorbed(item)) {
                return item;
            }
        }
    }

    private boolean absorbed(String item) {
        if (item.startsWith(NOTICE) && item.length() == NOTICE.length() + 1) {
            readable[item.charAt(NOTICE.length()) - '0'] = true;
            notices++;
            return true;
        }
        return false;
    }

    /** Fails unless the next item is {@code expected}. */
    void expect(String expected) throws IOException {
        String got = next();
        if (!got.equals(expected)) {
            throw new IllegalStateException("expected " + BlockingClient.show(expected) + " but got "
                    + BlockingClient.show(got));
        }
    }

    /** Reads items until link {@code id} has data (a notice came); anything else fails. */
    void awaitReadable(int id) throws IOException {
        while (!readable[id]) {
            String got = item();
            if (!absorbed(got)) {
                throw new IllegalStateException("waiting for data on link " + id + ", got "
                        + BlockingClient.show(got));
            }
        }
    }

    /** Consumes {@code n} raw bytes (the data of a CIPRXGET=2 read). */
    void skip(int n) throws IOException {
        while (n > 0) {
            if (pos == limit) {
                read();
                pos--;
            }
            int k = Math.min(n, limit - pos);
            pos += k;
            n -= k;
        }
    }

    private String item() throws IOException {
        if (read() != '\r' || read() != '\n') {
            throw new IllegalStateException("output out of step: an item must start with CR LF");
        }
        int c = read();
        if (c == '>') {
            if (read() != ' ') {
                throw new IllegalStateException("malformed prompt");
            }
            return PROMPT;
        }
        line.setLength(0);
        while (c != '\r') {
            line.append((char) c);
            if (line.length() > 600) {
                throw new IllegalStateException("runaway line: " + BlockingClient.show(line.toString()));
            }
            c = read();
        }
        if (read() != '\n') {
            throw new IllegalStateException("CR without LF after " + BlockingClient.show(line.toString()));
        }
        return line.toString();
    }
}
