package dev.sim800emu.modem.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's main Java sources, read as text for the architecture tests: no compiler, no
 * dependency. Each file is reduced to its code (comments, string and character literals blanked
 * out), so a rule matches what the code uses, whether by import or by a fully-qualified name
 * inline, and never what a comment mentions.
 */
final class SourceTree {
    private static final List<String> MODULES = List.of("modem", "cli", "bench");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;", Pattern.MULTILINE);

    private SourceTree() {
    }

    /** One main source file. */
    record SourceFile(Path path, String relative, String pkg, List<String> imports, String code, int lines) {
        /** The file name, e.g. {@code ModemEngine.java}. */
        String name() {
            return path.getFileName().toString();
        }

        /** 1-based line of a character offset into {@link #code}. */
        int lineOf(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (code.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    /** The repository root: the first directory upwards holding {@code docs/} and {@code modem/}. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docs")) && Files.isDirectory(d.resolve("modem/src/main/java"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    /** Every main source file of every module. */
    static List<SourceFile> mainSources() {
        Path root = root();
        List<SourceFile> files = new ArrayList<>();
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).toList()) {
                    files.add(read(p, root.relativize(p).toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static SourceFile read(Path path, String relative) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = stripCommentsAndLiterals(text);
        Matcher pm = PACKAGE.matcher(code);
        String pkg = pm.find() ? pm.group(1) : "";
        List<String> imports = new ArrayList<>();
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            imports.add(im.group(2));
        }
        return new SourceFile(path, relative, pkg, List.copyOf(imports), code, lineCount(text));
    }

    /** Lines as an editor counts them: a last line without a newline still counts. */
    static int lineCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return text.endsWith("\n") ? n : n + 1;
    }

    /**
     * {@code text} with comments and the contents of string, text-block and character literals
     * replaced by blanks. Newlines are kept, so offsets and line numbers still match the file.
     */
    static String stripCommentsAndLiterals(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                out.append("\"\"\"");
                blank(text, i + 3, end - 3, out);
                out.append("\"\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(j + 1, n);
                out.append(c);
                blank(text, i + 1, end - 1, out);
                out.append(c);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
