package dev.sim800emu.driver.chat;

import java.util.regex.Pattern;

/** A test on one line from the modem, as the response, abort and URC sets of modem_chat use them. */
public final class Match {
    private enum Kind { EXACT, PREFIX, REGEX }

    private final Kind kind;
    private final String text;
    private final Pattern pattern;

    private Match(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
        this.pattern = kind == Kind.REGEX ? Pattern.compile(text) : null;
    }

    /** The whole line is {@code line}. */
    public static Match exact(String line) {
        return new Match(Kind.EXACT, line);
    }

    /** The line starts with {@code prefix}. */
    public static Match prefix(String prefix) {
        return new Match(Kind.PREFIX, prefix);
    }

    /** The whole line matches {@code regex}. */
    public static Match regex(String regex) {
        return new Match(Kind.REGEX, regex);
    }

    public boolean test(String line) {
        return switch (kind) {
            case EXACT -> line.equals(text);
            case PREFIX -> line.startsWith(text);
            case REGEX -> pattern.matcher(line).matches();
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + text + ")";
    }
}
