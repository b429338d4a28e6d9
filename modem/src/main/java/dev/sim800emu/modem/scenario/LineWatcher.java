package dev.sim800emu.modem.scenario;

import java.util.function.Consumer;

/**
 * Cuts one direction of the serial line into lines (CR or LF ends one; empty lines are skipped)
 * and hands each to a consumer. Only the first {@value #MAX} characters of a line are kept: a
 * trigger text is short, and binary data in transparent mode must not grow a buffer.
 */
final class LineWatcher {
    static final int MAX = 1024;

    private final StringBuilder line = new StringBuilder();
    private final Consumer<String> onLine;

    LineWatcher(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    void feed(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = (char) (bytes[i] & 0xff);
            if (c == '\r' || c == '\n') {
                if (line.length() > 0) {
                    String done = line.toString();
                    line.setLength(0);
                    onLine.accept(done);
                }
            } else if (line.length() < MAX) {
                line.append(c);
            }
        }
    }
}
