package dev.sim800emu.modem.fs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module's flash drive C: in memory: directories and files by path, in the order they were
 * made (what FSLS lists). It belongs to one modem and, like the chip's flash, outlives power cycles.
 *
 * <p>A drive nobody wrote to holds only {@code C:\User\}, the directory the firmware makes at first
 * boot (FS application note §1.1); it is not stored until the first change, so an idle modem pays
 * for no map.
 */
public final class FlashStore {
    /**
     * Bytes free on an empty drive: the figure a SIM800 prints for AT+FSMEM in a driver's comment
     * ({@code +FSMEM: C:76288byte}); the FS note's own example (1024 bytes) is a typesetting sample.
     */
    public static final int CAPACITY = 76_288;
    private static final String USER = "User";

    /** Key ({@link FsPath#key()}) → entry; null while the drive is as the firmware made it. */
    private Map<String, Entry> entries;

    /** A directory ({@code data} null) or a file, with the name as the host typed it. */
    private static final class Entry {
        final String name;
        final String parentKey;
        byte[] data;

        Entry(String name, String parentKey, byte[] data) {
            this.name = name;
            this.parentKey = parentKey;
            this.data = data;
        }
    }

    private Map<String, Entry> entries() {
        if (entries == null) {
            entries = new LinkedHashMap<>();
            entries.put("C:\\USER", new Entry(USER, "C:", null));
        }
        return entries;
    }

    private Entry find(FsPath p) {
        if (entries == null) {
            return p.key().equals("C:\\USER") ? new Entry(USER, "C:", null) : null;
        }
        return entries.get(p.key());
    }

    boolean isDirectory(FsPath p) {
        if (p.root()) {
            return true;
        }
        Entry e = find(p);
        return e != null && e.data == null;
    }

    boolean isFile(FsPath p) {
        Entry e = find(p);
        return e != null && e.data != null;
    }

    boolean exists(FsPath p) {
        return p.root() || find(p) != null;
    }

    /** Makes an empty directory or file; false when the parent is missing or the name is taken. */
    boolean make(FsPath p, boolean directory) {
        if (p.root() || exists(p) || !isDirectory(p.parent())) {
            return false;
        }
        entries().put(p.key(), new Entry(p.name(), p.parent().key(), directory ? null : new byte[0]));
        return true;
    }

    /** Removes a file, or an empty directory other than the root; false otherwise. */
    boolean remove(FsPath p, boolean directory) {
        if (p.root() || (directory ? !isDirectory(p) : !isFile(p)) || (directory && !list(p).isEmpty())) {
            return false;
        }
        entries().remove(p.key());
        return true;
    }

    /** Renames a file; the new path must be free and its directory must exist. */
    boolean rename(FsPath from, FsPath to) {
        if (!isFile(from) || exists(to) || to.root() || !isDirectory(to.parent())) {
            return false;
        }
        Entry e = entries().remove(from.key());
        entries.put(to.key(), new Entry(to.name(), to.parent().key(), e.data));
        return true;
    }

    /** A file's content (not a copy: callers only read it), or null when there is no such file. */
    byte[] content(FsPath p) {
        Entry e = find(p);
        return e == null ? null : e.data;
    }

    /**
     * Writes {@code data} to an existing file: replacing its content, or after it ({@code append}).
     * False when the drive would not hold the result (nothing changes then).
     */
    boolean write(FsPath p, byte[] data, boolean append) {
        Entry e = entries().get(p.key());
        byte[] old = e.data;
        int size = append ? old.length + data.length : data.length;
        if (size - old.length > free()) {
            return false;
        }
        byte[] next = new byte[size];
        if (append) {
            System.arraycopy(old, 0, next, 0, old.length);
        }
        System.arraycopy(data, 0, next, size - data.length, data.length);
        e.data = next;
        return true;
    }

    /** Bytes still free: the capacity less the bytes in files (names cost nothing here). */
    public int free() {
        if (entries == null) {
            return CAPACITY;
        }
        long used = 0;
        for (Entry e : entries.values()) {
            used += e.data == null ? 0 : e.data.length;
        }
        return (int) (CAPACITY - used);
    }

    /** The names in a directory, directories ending in a backslash, oldest first. */
    List<String> list(FsPath dir) {
        List<String> out = new ArrayList<>();
        String key = dir.key();
        if (entries == null) {
            if (dir.root()) {
                out.add(USER + "\\");
            }
            return out;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.parentKey.equals(key)) {
                out.add(e.data == null ? e.name + "\\" : e.name);
            }
        }
        return out;
    }

    /** Whether {@code path} as the host types it names a file (not a directory) on drive C:. */
    public static boolean validFile(String path) {
        FsPath p = FsPath.parse(path);
        return p != null && !p.root() && !p.trailingSlash();
    }

    /** Makes the directory {@code path} if it is missing (its parent must exist); false if it cannot be. */
    public boolean makeDirectory(String path) {
        FsPath p = FsPath.parse(path);
        return p != null && (isDirectory(p) || make(p, true));
    }

    /**
     * Writes {@code data} to the file at {@code path}, making it first if its directory exists:
     * replacing the content or after it ({@code append}). False when the path is no file's, its
     * directory is missing, or the drive would not hold the result (the content stays as it was).
     */
    public boolean writeFile(String path, byte[] data, boolean append) {
        FsPath p = FsPath.parse(path);
        if (p == null || p.root() || p.trailingSlash() || (!isFile(p) && !make(p, false))) {
            return false;
        }
        return write(p, data, append);
    }

    /** The content of the file at {@code path} as the host types it ({@code C:\User\ca.crt}), or null. */
    public byte[] readFile(String path) {
        FsPath p = FsPath.parse(path);
        return p == null ? null : content(p);
    }
}
