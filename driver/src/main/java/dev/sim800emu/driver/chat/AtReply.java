package dev.sim800emu.driver.chat;

import java.util.List;

/**
 * What a command got back: its information lines in order, the raw payloads that followed some of
 * them, and the final line that ended it.
 */
public record AtReply(List<String> lines, List<byte[]> payloads, String finalLine) {

    public AtReply {
        lines = List.copyOf(lines);
        payloads = List.copyOf(payloads);
    }

    /** The first line starting with {@code prefix}, with the prefix (and blanks after it) cut off. */
    public String info(String prefix) {
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        throw new IllegalStateException("no line starting '" + prefix + "' in " + lines);
    }

    /** The first payload, or an empty array. */
    public byte[] payload() {
        return payloads.isEmpty() ? new byte[0] : payloads.get(0);
    }
}
