package dev.sim800emu.modem.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code replay --as-host}'s verdict: each exchange whose reply differs from the recording, with the
 * line of the first differing modem event, what the recording has and what came, bytes escaped.
 */
public record DiffReport(int exchanges, List<Difference> differences, List<String> notes) {

    /**
     * One reply that differs. {@code line}: the recording's line where it starts to differ;
     * {@code what}: {@code reply} (the bytes) or {@code modem lines} (DCD/RI/CTS/DSR changes).
     */
    public record Difference(int line, RecordedEvent action, String what, String expected, String actual) {
    }

    /**
     * Compares each exchange with the bytes received after its action ({@code actual.get(i)} for
     * {@code exchanges.get(i)}), after the normalisations in {@code normalise}.
     */
    public static DiffReport compare(List<Exchange> exchanges, List<byte[]> actual, Set<Normalisation> normalise,
                                     List<String> notes) {
        return compare(exchanges, actual, null, normalise, notes);
    }

    /**
     * As above, and the modem's line changes after each action ({@code actualLines.get(i)}, each
     * {@code dcd=D ri=R cts=C dsr=S}) against the recorded ones; null when the modem replayed to
     * does not report its lines.
     */
    public static DiffReport compare(List<Exchange> exchanges, List<byte[]> actual, List<List<String>> actualLines,
                                     Set<Normalisation> normalise, List<String> notes) {
        List<Difference> out = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange x = exchanges.get(i);
            Difference bytes = bytes(x, i < actual.size() ? actual.get(i) : new byte[0], normalise);
            if (bytes != null) {
                out.add(bytes);
            }
            if (actualLines != null) {
                Difference lines = lines(x, i < actualLines.size() ? actualLines.get(i) : List.of());
                if (lines != null) {
                    out.add(lines);
                }
            }
        }
        return new DiffReport(exchanges.size(), out, List.copyOf(notes));
    }

    private static Difference bytes(Exchange x, byte[] got, Set<Normalisation> normalise) {
        byte[] want = x.expected();
        byte[] a = Normalisation.apply(normalise, got);
        byte[] b = Normalisation.apply(normalise, want);
        if (Arrays.equals(a, b)) {
            return null;
        }
        // the line is looked up in the raw reply: normalising keeps bytes before the first difference
        int first = Arrays.mismatch(a, b);
        int line = x.lineAt(Math.min(first, want.length));
        if (x.replyEvents().isEmpty() && x.action() != null) {
            line = x.action().line();
        }
        return new Difference(line, x.action(), "reply", Escapes.escape(want), Escapes.escape(got));
    }

    private static Difference lines(Exchange x, List<String> got) {
        List<String> want = x.expectedLines();
        if (got.equals(want)) {
            return null;
        }
        int k = 0;
        while (k < got.size() && k < want.size() && got.get(k).equals(want.get(k))) {
            k++;
        }
        int line = k < want.size() ? x.lines().get(k).line() : x.action() == null ? x.lineAt(0) : x.action().line();
        return new Difference(line, x.action(), "modem lines", changes(want), changes(got));
    }

    private static String changes(List<String> states) {
        return states.isEmpty() ? "(no change)" : String.join(", ", states);
    }

    public boolean identical() {
        return differences.isEmpty();
    }

    /** The report as lines for a terminal. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(notes);
        for (Difference d : differences) {
            String after = d.action() == null ? "at the start"
                    : "after line " + d.action().line() + " " + RecordingFormat.line(d.action()).replaceFirst("^\\S+ ", "");
            out.add("line " + d.line() + ": " + d.what() + " differ" + (d.what().endsWith("s") ? "" : "s")
                    + " (" + after + ")");
            out.add("  expected: " + d.expected());
            out.add("  actual:   " + d.actual());
        }
        out.add(identical() ? "replay: " + exchanges + " exchanges, all replies identical"
                : "replay: " + exchanges + " exchanges, " + differences.size() + " different");
        return out;
    }
}
