package dev.sim800emu.modem.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which modems of a fleet a control command reaches: {@code all}, a range of numeric ids
 * ({@code 100-199}, both ends included), one id, or a random share ({@code 10%}) drawn with a seed,
 * so that "10 % of modems lose registration" picks the same modems every time it is replayed.
 */
public final class ModemSelection {
    private final String text;
    private final long from;
    private final long to;
    /** Percent of the fleet, or -1 for a range (all is the range 0..max). */
    private final double percent;
    private final long seed;

    private ModemSelection(String text, long from, long to, double percent, long seed) {
        this.text = text;
        this.from = from;
        this.to = to;
        this.percent = percent;
        this.seed = seed;
    }

    /**
     * Parses {@code all}, {@code A-B}, {@code N} or {@code P%} (0 < P <= 100); {@code seed} draws
     * the percentage. Throws IllegalArgumentException with one line for a person.
     */
    public static ModemSelection parse(String text, long seed) {
        String s = text == null ? "" : text.trim();
        if (s.equals("all")) {
            return new ModemSelection(s, 0, Long.MAX_VALUE, -1, seed);
        }
        try {
            if (s.endsWith("%")) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1).trim());
                if (!(p > 0 && p <= 100)) {
                    throw new IllegalArgumentException("a percentage of modems is above 0 and at most 100, not '" + s + "'");
                }
                return new ModemSelection(s, 0, Long.MAX_VALUE, p, seed);
            }
            int dash = s.indexOf('-');
            long a = Long.parseLong(dash < 0 ? s : s.substring(0, dash));
            long b = dash < 0 ? a : Long.parseLong(s.substring(dash + 1));
            if (a < 0 || b < a) {
                throw new IllegalArgumentException("a range of modems is FIRST-LAST with FIRST <= LAST, not '" + s + "'");
            }
            return new ModemSelection(s, a, b, -1, seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a selection is all, FIRST-LAST, ID or PERCENT% (with a seed), not '"
                    + s + "'");
        }
    }

    /** The chosen ids among {@code ids}, in their order. Ids that are not numbers are only in "all" and shares. */
    public List<String> pick(List<String> ids) {
        if (percent < 0) {
            List<String> out = new ArrayList<>();
            for (String id : ids) {
                if (text.equals("all") || inRange(id)) {
                    out.add(id);
                }
            }
            return out;
        }
        // Shuffle a copy with the seed and take the share: the same seed and fleet give the same modems.
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(seed));
        int k = (int) Math.round(ids.size() * percent / 100.0);
        Set<String> chosen = new HashSet<>(shuffled.subList(0, Math.min(k, shuffled.size())));
        List<String> out = new ArrayList<>(k);
        for (String id : ids) {
            if (chosen.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private boolean inRange(String id) {
        try {
            long n = Long.parseLong(id);
            return n >= from && n <= to;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return percent < 0 ? text : text + " (seed " + seed + ")";
    }
}
