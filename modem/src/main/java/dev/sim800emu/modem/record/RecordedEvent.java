package dev.sim800emu.modem.record;

import java.nio.charset.StandardCharsets;

/**
 * One event of a recording: when (microseconds since the recording started), what, and the bytes
 * (for the other kinds the value as ASCII text: {@code 1}, {@code dcd=1 ri=0 cts=1 dsr=1},
 * {@code tcp power-off}). {@code line} is the event's line in the file it was read from, 0 for one not read
 * from a file.
 */
public record RecordedEvent(long micros, EventKind kind, byte[] bytes, int line) {

    public static RecordedEvent host(long micros, byte[] bytes) {
        return new RecordedEvent(micros, EventKind.HOST, bytes, 0);
    }

    public static RecordedEvent modem(long micros, byte[] bytes) {
        return new RecordedEvent(micros, EventKind.MODEM, bytes, 0);
    }

    /** A host control line ({@link EventKind#DTR} or {@link EventKind#RTS}). */
    public static RecordedEvent hostLine(long micros, EventKind kind, boolean asserted) {
        return new RecordedEvent(micros, kind, ascii(asserted ? "1" : "0"), 0);
    }

    /** The modem's output lines. */
    public static RecordedEvent lines(long micros, boolean dcd, boolean ri, boolean cts, boolean dsr) {
        return new RecordedEvent(micros, EventKind.LINES,
                ascii("dcd=" + bit(dcd) + " ri=" + bit(ri) + " cts=" + bit(cts) + " dsr=" + bit(dsr)), 0);
    }

    /** A host came onto the line through {@code endpoint} ({@code tcp}, {@code rfc2217}, {@code pty} …). */
    public static RecordedEvent connect(long micros, String endpoint) {
        return new RecordedEvent(micros, EventKind.CONNECT, ascii(endpoint), 0);
    }

    /** A host left; {@code powerOff}: the modem lost power with it (the last host of an endpoint that powers off). */
    public static RecordedEvent disconnect(long micros, String endpoint, boolean powerOff) {
        return new RecordedEvent(micros, EventKind.DISCONNECT, ascii(endpoint + (powerOff ? POWER_OFF : "")), 0);
    }

    private static final String POWER_OFF = " power-off";

    /** For a {@code disconnect} event: the modem lost power with the host. */
    public boolean poweredOff() {
        return kind == EventKind.DISCONNECT && text().endsWith(POWER_OFF);
    }

    /** For a {@code dtr} or {@code rts} event: raised. */
    public boolean asserted() {
        return bytes.length == 1 && bytes[0] == '1';
    }

    /** The value of a control-line event as text. */
    public String text() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    RecordedEvent at(int lineNumber) {
        return new RecordedEvent(micros, kind, bytes, lineNumber);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
