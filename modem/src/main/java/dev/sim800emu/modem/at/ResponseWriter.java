package dev.sim800emu.modem.at;

import java.nio.charset.StandardCharsets;

/**
 * Formats responses into a {@link ByteSink} the way SIM800 frames them.
 *
 * <ul>
 *   <li>ATV1: information text and result codes as {@code \r\ntext\r\n}; several information
 *       lines in one block are separated by a single {@code \r\n}.
 *   <li>ATV0: information text as {@code text\r\n}, result codes as a number and {@code \r}.
 *   <li>ATQ1 suppresses result codes (OK, ERROR, +CME ERROR), not information text.
 *   <li>TCP/IP texts (SEND OK, CLOSE OK, CONNECT OK …) have no numeric form; they are framed
 *       like information text.
 * </ul>
 */
public final class ResponseWriter {
    private static final byte[] PROMPT = "\r\n> ".getBytes(StandardCharsets.US_ASCII);

    private final FormatSettings settings;
    private final ByteSink sink;

    public ResponseWriter(FormatSettings settings, ByteSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    public ByteSink sink() {
        return sink;
    }

    public FormatSettings settings() {
        return settings;
    }

    /** One or more information lines as one block. */
    public void info(String... lines) {
        if (settings.verbose()) {
            sink.ascii("\r\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    sink.ascii("\r\n");
                }
                sink.ascii(lines[i]);
            }
            sink.ascii("\r\n");
        } else {
            for (String line : lines) {
                sink.ascii(line);
                sink.ascii("\r\n");
            }
        }
    }

    /** A TCP/IP status text or URC such as {@code CONNECT OK}; framed like information text. */
    public void text(String text) {
        info(text);
    }

    public void result(ResultCode code) {
        if (settings.quiet()) {
            return;
        }
        if (settings.verbose()) {
            sink.ascii("\r\n");
            sink.ascii(code.verbose());
            sink.ascii("\r\n");
        } else {
            sink.ascii(Integer.toString(code.numeric()));
            sink.ascii("\r");
        }
    }

    /** ERROR or +CME ERROR per AT+CMEE; {@code cmeCode} below zero always gives plain ERROR. */
    public void error(int cmeCode) {
        if (settings.quiet()) {
            return;
        }
        int mode = settings.cmee();
        if (cmeCode < 0 || mode == 0) {
            result(ResultCode.ERROR);
        } else if (mode == 1) {
            info("+CME ERROR: " + cmeCode);
        } else {
            info("+CME ERROR: " + CmeError.text(cmeCode));
        }
    }

    /** ERROR or +CMS ERROR per AT+CMEE (SMS commands, manual §18.2). */
    public void cmsError(int code) {
        if (settings.quiet()) {
            return;
        }
        int mode = settings.cmee();
        if (mode == 0) {
            result(ResultCode.ERROR);
        } else {
            info("+CMS ERROR: " + (mode == 1 ? Integer.toString(code) : CmsError.text(code)));
        }
    }

    /** The data prompt of CIPSEND: CR LF, '>' and one space, with no line end. */
    public void prompt() {
        sink.write(PROMPT);
    }

    public void raw(byte[] bytes) {
        sink.write(bytes);
    }

    public void raw(byte[] bytes, int off, int len) {
        sink.write(bytes, off, len);
    }

    public void raw(String ascii) {
        sink.ascii(ascii);
    }
}
