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

    /** One reply that differs. {@code line}: the recording's line where it starts to differ. */
    public record Difference(int line, RecordedEvent action, String expected, String actual) {
    }

    /**
     * Compares each exchange with the bytes received after its action ({@code actual.get(i)} for
     * {@code exchanges.get(i)}), after the normalisations in {@code normalise}.
     */
    public static DiffReport compare(List<Exchange> exchanges, List<byte[]> actual, Set<Normalisation> normalise,
                                     List<String> notes) {
        List<Difference> out = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange x = exchanges.get(i);
            byte[] got = i < actual.size() ? actual.get(i) : new byte[0];
            byte[] want = x.expected();
            byte[] a = Normalisation.apply(normalise, got);
            byte[] b = Normalisation.apply(normalise, want);
            if (Arrays.equals(a, b)) {
                continue;
            }
            // the line is looked up in the raw reply: normalising keeps bytes before the first difference
            int first = Arrays.mismatch(a, b);
            int line = x.lineAt(Math.min(first, want.length));
            if (x.replyEvents().isEmpty() && x.action() != null) {
                line = x.action().line();
            }
            out.add(new Difference(line, x.action(), Escapes.escape(want), Escapes.escape(got)));
        }
        return new DiffReport(exchanges.size(), out, List.copyOf(notes));
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
            out.add("line " + d.line() + ": reply differs (" + after + ")");
            out.add("  expected: " + d.expected());
            out.add("  actual:   " + d.actual());
        }
        out.add(identical() ? "replay: " + exchanges + " exchanges, all replies identical"
                : "replay: " + exchanges + " exchanges, " + differences.size() + " different");
        return out;
    }
}
