package dev.sim800emu.modem.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the text of a command line (what follows "AT") into commands, as V.250 and SIM800
 * manual §1.4.4 describe: basic commands run together ({@code E0V1Q0S3=13&W}), extended commands
 * separated by {@code ;} ({@code +CIFSR;E0}, {@code +CIPMUX=1;+CIPQSEND=1}).
 *
 * <p>The whole line is parsed before anything runs, so a line with a syntax error executes nothing.
 */
public final class CommandLineParser {

    private CommandLineParser() {
    }

    /** Returns the commands, or throws {@link BadParameterException} on a syntax error. */
    public static List<Invocation> parse(String line) {
        List<Invocation> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == ';') {
                i++;
                continue;
            }
            if (c == '+' || c == '*' || c == '#' || c == '$' || c == '^') {
                i = parseExtended(line, i, out);
            } else if (c == '&') {
                i = parseBasic(line, i + 1, "&", out);
            } else if (c == 'S' || c == 's') {
                i = parseRegister(line, i + 1, out);
            } else if (c == 'D' || c == 'd') {
                // Dial takes the rest of the line as its argument.
                out.add(new Invocation("D", CommandSpec.Form.WRITE, line.substring(i + 1)));
                i = n;
            } else if (Character.isLetter(c)) {
                i = parseBasic(line, i, "", out);
            } else {
                throw new BadParameterException("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    private static int parseExtended(String line, int start, List<Invocation> out) {
        int n = line.length();
        int i = start + 1;
        while (i < n && isNameChar(line.charAt(i))) {
            i++;
        }
        if (i == start + 1) {
            throw new BadParameterException("empty command name");
        }
        String name = line.substring(start, i).toUpperCase(Locale.ROOT);
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        if (i >= n || line.charAt(i) == ';') {
            out.add(new Invocation(name, CommandSpec.Form.EXECUTE, ""));
            return i;
        }
        char c = line.charAt(i);
        if (c == '?') {
            out.add(new Invocation(name, CommandSpec.Form.READ, ""));
            return expectEnd(line, i + 1);
        }
        if (c != '=') {
            throw new BadParameterException("unexpected '" + c + "' after " + name);
        }
        i++;
        int afterEq = i;
        while (afterEq < n && line.charAt(afterEq) == ' ') {
            afterEq++;
        }
        if (afterEq < n && line.charAt(afterEq) == '?') {
            out.add(new Invocation(name, CommandSpec.Form.TEST, ""));
            return expectEnd(line, afterEq + 1);
        }
        int end = i;
        boolean inQuotes = false;
        while (end < n) {
            char d = line.charAt(end);
            if (d == '"') {
                inQuotes = !inQuotes;
            } else if (d == ';' && !inQuotes) {
                break;
            }
            end++;
        }
        if (inQuotes) {
            throw new BadParameterException("unterminated string");
        }
        out.add(new Invocation(name, CommandSpec.Form.WRITE, line.substring(i, end)));
        return end;
    }

    private static int expectEnd(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < line.length() && line.charAt(i) != ';') {
            throw new BadParameterException("text after command");
        }
        return i;
    }

    private static int parseBasic(String line, int i, String prefix, List<Invocation> out) {
        int n = line.length();
        if (i >= n || !Character.isLetter(line.charAt(i))) {
            throw new BadParameterException("bad basic command");
        }
        String name = prefix + Character.toUpperCase(line.charAt(i));
        i++;
        int digits = i;
        while (i < n && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i > digits) {
            out.add(new Invocation(name, CommandSpec.Form.WRITE, line.substring(digits, i)));
        } else if (i < n && line.charAt(i) == '?') {
            out.add(new Invocation(name, CommandSpec.Form.READ, ""));
            i++;
        } else {
            out.add(new Invocation(name, CommandSpec.Form.EXECUTE, ""));
        }
        return i;
    }

    private static int parseRegister(String line, int i, List<Invocation> out) {
        int n = line.length();
        int digits = i;
        while (i < n && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == digits) {
            throw new BadParameterException("S without register number");
        }
        String name = "S" + Integer.parseInt(line.substring(digits, i));
        if (i < n && line.charAt(i) == '?') {
            out.add(new Invocation(name, CommandSpec.Form.READ, ""));
            return i + 1;
        }
        if (i < n && line.charAt(i) == '=') {
            i++;
            int v = i;
            while (i < n && Character.isDigit(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '?' && i == v) {
                out.add(new Invocation(name, CommandSpec.Form.TEST, ""));
                return i + 1;
            }
            out.add(new Invocation(name, CommandSpec.Form.WRITE, line.substring(v, i)));
            return i;
        }
        throw new BadParameterException("S register needs ? or =");
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
