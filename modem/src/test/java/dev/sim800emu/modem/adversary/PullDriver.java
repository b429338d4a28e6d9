package dev.sim800emu.modem.adversary;

import dev.sim800emu.modem.testing.ModemHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small host driver for manual receive (AT+CIPRXGET=1) on two links, in the style of an
 * embedded firmware loop, as TinyGSM's SIM800 client works: it picks up notices between commands;
 * for a link with a notice it asks how much is buffered ({@code AT+CIPRXGET=4,<n>}) and pulls it
 * with {@code AT+CIPRXGET=2,<n>,<size>} until the modem reports none left (the test also marks
 * every link each 500 ms, as TinyGSM does for notices a module forgets). It reads the modem as a serial stream, waiting (on
 * the manual clock) for bytes that have not come yet.
 *
 * <p>{@link #barePrefix} reads the reply as TinyGSM v0.12.0's SIM800 {@code modemRead} does: wait
 * for the bare {@code +CIPRXGET:}, skip to the second comma, take the number before the next
 * comma as the length, read that many bytes, wait for OK. A {@code +CIPRXGET: 1,<n>} notice that
 * crosses the command is then taken for the reply and the payload is thrown away with the rest of
 * the line. {@link #linewise} waits for a line starting {@code +CIPRXGET: 2,} and takes notices
 * for what they are.
 */
final class PullDriver {
    private final ModemHarness h;
    private final boolean bare;
    private final byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    final boolean[] gotData = new boolean[2];
    /** What the last pull said is still buffered in the modem, per link. */
    final int[] remaining = new int[2];
    final ByteArrayOutputStream[] received = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    int timeouts;

    private PullDriver(ModemHarness h, boolean bare) {
        this.h = h;
        this.bare = bare;
    }

    static PullDriver barePrefix(ModemHarness h) {
        return new PullDriver(h, true);
    }

    static PullDriver linewise(ModemHarness h) {
        return new PullDriver(h, false);
    }

    /** Thrown when the modem stays silent for longer than a command's timeout. */
    static final class Timeout extends RuntimeException {
        Timeout() {
            super(null, null, false, false);
        }
    }

    // ------------------------------------------------------------------ the serial stream

    private void fill() {
        byte[] more = h.takeBytes();
        if (end + more.length > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        System.arraycopy(more, 0, buf, end, more.length);
        end += more.length;
    }

    /** The next byte, waiting up to 5 s of modem time for it. */
    private int read() {
        fill();
        for (int waited = 0; start == end; waited++) {
            if (waited == 5000) {
                throw new Timeout();
            }
            h.clock.advance(1);
            fill();
        }
        return buf[start++] & 0xFF;
    }

    private String readUntil(char c) {
        StringBuilder s = new StringBuilder();
        for (int b = read(); b != c; b = read()) {
            s.append((char) b);
        }
        return s.toString();
    }

    private String line() {
        return readUntil('\n').strip();
    }

    /** Like atoi: leading blanks, then digits; anything else ends the number. */
    private static int atoi(String s) {
        String t = s.stripLeading();
        int n = 0;
        for (int i = 0; i < t.length() && Character.isDigit(t.charAt(i)); i++) {
            n = n * 10 + (t.charAt(i) - '0');
        }
        return n;
    }

    /** A notice among other lines: +CIPRXGET: 1,<n> marks link n. */
    private void urc(String line) {
        if (line.startsWith("+CIPRXGET: 1,")) {
            gotData[atoi(line.substring(13))] = true;
        }
    }

    // ------------------------------------------------------------------ the driver

    /** Between commands: whatever has arrived is notices. */
    void maintain() {
        fill();
        while (start < end) {
            int nl = indexOf('\n');
            if (nl < 0) {
                return; // a partial line: later
            }
            urc(line());
        }
    }

    private int indexOf(char c) {
        for (int i = start; i < end; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void send(String command) {
        maintain();
        h.send(command + "\r");
    }

    /** Waits for OK (or ERROR), taking notices on the way. */
    void waitOk() {
        for (String l = line(); !l.equals("OK") && !l.equals("ERROR"); l = line()) {
            urc(l);
        }
    }

    void command(String command) {
        send(command);
        waitOk();
    }

    /**
     * How many bytes link {@code mux} holds ({@code AT+CIPRXGET=4,<n>}); the bare-prefix driver
     * reads the reply as TinyGSM's modemGetAvailable does (bare prefix, skip two commas, the
     * number before the line end).
     */
    int available(int mux) {
        gotData[mux] = false;
        send("AT+CIPRXGET=4," + mux);
        try {
            int n;
            if (bare) {
                waitBare();
                readUntil(',');
                readUntil(',');
                n = atoi(readUntil('\n'));
            } else {
                String l = line();
                while (!l.startsWith("+CIPRXGET: 4,")) {
                    urc(l);
                    l = line();
                }
                n = Integer.parseInt(l.substring(13).split(",")[1]);
            }
            waitOk();
            return n;
        } catch (Timeout e) {
            timeouts++;
            return 0;
        }
    }

    private void waitBare() {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith("+CIPRXGET:")) {
            seen.append((char) read());
        }
    }

    /** Pulls up to {@code size} bytes of link {@code mux}; returns how many were taken. */
    int pull(int mux, int size) {
        send("AT+CIPRXGET=2," + mux + "," + size);
        try {
            int length;
            if (bare) {
                // modemRead: waitResponse("+CIPRXGET:"), skip mode and mux, length, confirmed length
                waitBare();
                readUntil(',');
                readUntil(',');
                length = atoi(readUntil(','));
                remaining[mux] = atoi(readUntil('\n'));
            } else {
                String l = line();
                while (!l.startsWith("+CIPRXGET: 2,")) {
                    urc(l);
                    l = line();
                }
                String[] f = l.substring(13).split(",");
                length = Integer.parseInt(f[1]);
                remaining[mux] = Integer.parseInt(f[2]);
            }
            for (int i = 0; i < length; i++) {
                received[mux].write(read());
            }
            waitOk();
            return length;
        } catch (Timeout e) {
            timeouts++;
            remaining[mux] = 0;
            return 0;
        }
    }

    String text(int mux) {
        return received[mux].toString(StandardCharsets.ISO_8859_1);
    }
}
