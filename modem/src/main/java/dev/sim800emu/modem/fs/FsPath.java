package dev.sim800emu.modem.fs;

import java.util.List;
import java.util.Locale;

/**
 * A path on the module's flash drive as the host types it, {@code C:\User\CERT.CRT} (FS application
 * note §1.1): the drive letter, then names separated by backslashes. Names are compared without
 * regard to case (sim800-apps.md §3.6 leaves case open; the FAT-style drive of the chip suggests
 * it), so {@link #key()} is upper case while {@link #name()} keeps what the host typed.
 *
 * @param names the names below the drive, outermost first; empty for the drive's root
 * @param trailingSlash the text ended in a backslash (FSLS wants one; files must not have one)
 */
record FsPath(List<String> names, boolean trailingSlash) {
    /** Longest name of a file or directory (FS application note §2). */
    static final int MAX_NAME = 64;
    /** Characters no name may hold (FAT's rule; a colon or slash would also confuse drivers' parsers). */
    private static final String FORBIDDEN = "\\/:*?\"<>|";

    static final FsPath ROOT = new FsPath(List.of(), true);

    /**
     * The path in {@code text}, or null when it is not one: not on drive C: (there is no SD card, so
     * the chip's second drive is absent), an empty name ({@code C:\\x}), a name longer than
     * {@value #MAX_NAME} characters or holding a character a name may not.
     */
    static FsPath parse(String text) {
        if (text.length() < 3 || Character.toUpperCase(text.charAt(0)) != 'C' || text.charAt(1) != ':'
                || text.charAt(2) != '\\') {
            return null;
        }
        String rest = text.substring(3);
        boolean slash = rest.endsWith("\\");
        if (slash) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return ROOT;
        }
        String[] parts = rest.split("\\\\", -1);
        for (String p : parts) {
            if (!validName(p)) {
                return null;
            }
        }
        return new FsPath(List.of(parts), slash);
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E || FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    boolean root() {
        return names.isEmpty();
    }

    /** The last name; empty for the root. */
    String name() {
        return root() ? "" : names.get(names.size() - 1);
    }

    FsPath parent() {
        return root() ? null : new FsPath(names.subList(0, names.size() - 1), true);
    }

    FsPath child(String name) {
        String[] all = names.toArray(new String[names.size() + 1]);
        all[names.size()] = name;
        return new FsPath(List.of(all), false);
    }

    /** How the store files it: upper case, no trailing backslash ({@code C:\USER\A.TXT}, root {@code C:}). */
    String key() {
        StringBuilder b = new StringBuilder("C:");
        for (String n : names) {
            b.append('\\').append(n.toUpperCase(Locale.ROOT));
        }
        return b.toString();
    }
}
