package dev.sim800emu.modem.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording file format (docs/record-replay.md): a first line {@code #! sim800emu-record 1},
 * header options {@code #! NAME VALUE}, then one event per line, {@code TIME KIND DATA}: TIME in
 * milliseconds with microsecond decimals since the recording started, never going back; KIND
 * {@code >} (host to modem), {@code <} (modem to host), {@code dtr}, {@code rts} (the host's
 * control lines, 0 or 1), {@code lines} (the modem's: {@code dcd=1 ri=0 cts=1 dsr=1}),
 * {@code connect ENDPOINT} or {@code disconnect ENDPOINT [power-off]} (a host came or went); DATA
 * the bytes, escaped ({@link Escapes}). The session kinds came later within version 1: an older
 * reader refuses them as an unknown kind, with the line. Lines starting with {@code #} are comments; blank lines are
 * ignored.
 */
public final class RecordingFormat {
    public static final int VERSION = 1;
    public static final String MAGIC = "#! sim800emu-record";

    private static final Pattern TIME = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");
    private static final Pattern OPTION = Pattern.compile("#!\\s*([A-Za-z][\\w.-]*)(?:\\s+(.*))?");
    private static final Pattern LINES = Pattern.compile("dcd=[01] ri=[01] cts=[01] dsr=[01]");
    private static final Pattern CONNECT = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern DISCONNECT = Pattern.compile("[a-z0-9][a-z0-9-]*( power-off)?");

    private RecordingFormat() {
    }

    /** The header: the magic line with the version, then one {@code #! NAME VALUE} line per option. */
    public static String header(Map<String, String> options) {
        StringBuilder sb = new StringBuilder(MAGIC).append(' ').append(VERSION).append('\n');
        options.forEach((name, value) -> sb.append("#! ").append(name).append(' ').append(value).append('\n'));
        return sb.toString();
    }

    /** One event as a line, without the line end. */
    public static String line(RecordedEvent e) {
        String time = (e.micros() / 1000) + "." + String.format("%03d", e.micros() % 1000);
        String data = e.kind().data() ? Escapes.escape(e.bytes(), 0, e.bytes().length, true) : e.text();
        return time + ' ' + e.kind().token() + ' ' + data;
    }

    /** A whole recording as text. */
    public static String write(Recording r) {
        StringBuilder sb = new StringBuilder(header(r.options()));
        for (RecordedEvent e : r.events()) {
            sb.append(line(e)).append('\n');
        }
        return sb.toString();
    }

    public static Recording parse(String text) throws RecordingException {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
    }

    /** Reads a recording; the first thing wrong is reported with its line number. */
    public static Recording parse(Reader in) throws IOException, RecordingException {
        BufferedReader r = new BufferedReader(in);
        Map<String, String> options = new LinkedHashMap<>();
        List<RecordedEvent> events = new ArrayList<>();
        String first = r.readLine();
        if (first == null || !first.startsWith(MAGIC)) {
            throw new RecordingException(1, "not a sim800emu recording (the first line must be '" + MAGIC + " "
                    + VERSION + "')");
        }
        String version = first.substring(MAGIC.length()).strip();
        if (!version.equals(String.valueOf(VERSION))) {
            throw new RecordingException(1, "format version '" + version + "' is not supported (this reads "
                    + VERSION + ")");
        }
        long last = 0;
        int n = 1;
        for (String s = r.readLine(); s != null; s = r.readLine()) {
            n++;
            if (s.isBlank()) {
                continue;
            }
            if (s.startsWith("#")) {
                Matcher m = OPTION.matcher(s.strip());
                if (events.isEmpty() && m.matches()) {
                    options.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
                }
                continue;
            }
            RecordedEvent e = event(s, n);
            if (e.micros() < last) {
                throw new RecordingException(n, "time " + s.substring(0, s.indexOf(' '))
                        + " is earlier than the line before");
            }
            last = e.micros();
            events.add(e);
        }
        return new Recording(options, events);
    }

    private static RecordedEvent event(String s, int n) throws RecordingException {
        int a = s.indexOf(' ');
        int b = a < 0 ? -1 : s.indexOf(' ', a + 1);
        if (b < 0) {
            throw new RecordingException(n, "expected 'TIME KIND DATA', got '" + shorten(s) + "'");
        }
        String time = s.substring(0, a);
        if (!TIME.matcher(time).matches()) {
            throw new RecordingException(n, "bad time '" + shorten(time) + "' (milliseconds, e.g. 12.345)");
        }
        EventKind kind = EventKind.ofToken(s.substring(a + 1, b));
        if (kind == null) {
            throw new RecordingException(n, "unknown kind '" + shorten(s.substring(a + 1, b))
                    + "' (one of " + EventKind.tokens() + ")");
        }
        String data = s.substring(b + 1);
        byte[] bytes;
        try {
            bytes = Escapes.unescape(data, b + 1);
        } catch (IllegalArgumentException ex) {
            throw new RecordingException(n, ex.getMessage());
        }
        if (kind.data() && bytes.length == 0) {
            throw new RecordingException(n, "no bytes after '" + kind.token() + "'");
        }
        if ((kind == EventKind.DTR || kind == EventKind.RTS) && !(data.equals("0") || data.equals("1"))) {
            throw new RecordingException(n, kind.token() + " takes 0 or 1, got '" + shorten(data) + "'");
        }
        if (kind == EventKind.LINES && !LINES.matcher(data).matches()) {
            throw new RecordingException(n, "expected 'lines dcd=D ri=R cts=C dsr=S' with 0 or 1, got '"
                    + shorten(data) + "'");
        }
        if (kind == EventKind.CONNECT && !CONNECT.matcher(data).matches()) {
            throw new RecordingException(n, "expected 'connect ENDPOINT' (tcp, rfc2217, pty …), got '"
                    + shorten(data) + "'");
        }
        if (kind == EventKind.DISCONNECT && !DISCONNECT.matcher(data).matches()) {
            throw new RecordingException(n, "expected 'disconnect ENDPOINT' or 'disconnect ENDPOINT power-off', got '"
                    + shorten(data) + "'");
        }
        return new RecordedEvent(micros(time), kind, bytes, n);
    }

    private static long micros(String time) {
        int dot = time.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(time) * 1000;
        }
        String frac = (time.substring(dot + 1) + "00").substring(0, 3);
        return Long.parseLong(time.substring(0, dot)) * 1000 + Integer.parseInt(frac);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
