package dev.sim800emu.modem.integration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Deterministic test streams, how to cut them into CIPSEND payloads, and how to compare them. */
final class Streams {
    private Streams() {
    }

    /**
     * {@code size} pseudo-random bytes from {@code seed}, starting with every byte value once (in a
     * seed-dependent order, never starting with LF), so that any stream of 256 bytes or more holds
     * all 256 values.
     */
    static byte[] stream(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        int rot = (int) Math.floorMod(seed * 37, 256L);
        if (rot == '\n') {
            rot++;
        }
        for (int i = 0; i < Math.min(256, size); i++) {
            b[i] = (byte) (i * 167 + rot); // 167 is odd: i -> i*167 is a permutation mod 256
        }
        return b;
    }

    /** The same stream with Ctrl-Z (0x1A) and ESC (0x1B) replaced, for the prompt/Ctrl-Z form. */
    static byte[] withoutCtrlZAndEsc(byte[] data) {
        byte[] r = data.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i] == 0x1A || r[i] == 0x1B) {
                r[i] ^= 0x40;
            }
        }
        return r;
    }

    static int distinctValues(byte[] data) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte x : data) {
            if (!seen[x & 0xFF]) {
                seen[x & 0xFF] = true;
                n++;
            }
        }
        return n;
    }

    /**
     * Cuts {@code data} into payloads of 1..{@code max} bytes (a quarter of them exactly {@code max}).
     * No payload starts with LF: the driver ends lines with CR only, and then (docs/commands.md,
     * "Send") an LF right after the CIPSEND line is taken as the rest of the line ending, so a
     * payload cannot start with one. (With CR LF it should, but is lost too: the disabled
     * {@code IntegrityTest#fixedLengthPayloadMayStartWithLf}.) LF still occurs everywhere else.
     *
     * @return offsets and lengths as {@code int[]{off, len}}
     */
    static List<int[]> chunks(byte[] data, long seed, int max) {
        Random rnd = new Random(seed);
        List<int[]> r = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            int len = rnd.nextInt(4) == 0 ? max : 1 + rnd.nextInt(max);
            len = Math.min(len, data.length - off);
            int l = len;
            while (l > 1 && startsWithLf(data, off + l)) {
                l--;
            }
            if (startsWithLf(data, off + l)) {
                l = len;
                while (l < max && startsWithLf(data, off + l)) {
                    l++;
                }
            }
            if (startsWithLf(data, off + l)) {
                throw new IllegalStateException("cannot cut the stream at offset " + off);
            }
            len = l;
            r.add(new int[] {off, len});
            off += len;
        }
        return r;
    }

    private static boolean startsWithLf(byte[] data, int off) {
        return off < data.length && data[off] == '\n';
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails unless {@code actual} is exactly {@code expected}: nothing lost, duplicated or reordered. */
    static void assertSame(String what, byte[] expected, byte[] actual) {
        String want = sha256(expected);
        String got = sha256(actual);
        if (want.equals(got) && expected.length == actual.length) {
            return;
        }
        int i = 0;
        while (i < expected.length && i < actual.length && expected[i] == actual[i]) {
            i++;
        }
        throw new AssertionError(what + ": expected " + expected.length + " bytes (sha256 " + want + ") but got "
                + actual.length + " bytes (sha256 " + got + "); first difference at offset " + i);
    }
}
