package dev.sim800emu.modem.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1) with its extension table, and the
 * packing of septets into octets that PDUs use.
 */
final class Gsm7 {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters reached through ESC, and their codes after it. */
    private static final String EXT_CHARS = "^{}\\[~]|€\f";
    private static final int[] EXT_CODES = {0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65, 0x0A};

    private Gsm7() {
    }

    /** The septets of {@code text}, or null when a character has no 7-bit form. */
    static byte[] septets(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int basic = ch == '\u001B' ? -1 : BASIC.indexOf(ch);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int ext = EXT_CHARS.indexOf(ch);
            if (ext < 0) {
                return null;
            }
            out.write(0x1B);
            out.write(EXT_CODES[ext]);
        }
        return out.toByteArray();
    }

    /** Text of septets; an unknown escape gives a space, as 23.038 says. */
    static String text(byte[] septets) {
        StringBuilder b = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s == 0x1B && i + 1 < septets.length) {
                int code = septets[++i] & 0x7F;
                char ext = ' ';
                for (int k = 0; k < EXT_CODES.length; k++) {
                    if (EXT_CODES[k] == code) {
                        ext = EXT_CHARS.charAt(k);
                    }
                }
                b.append(ext);
            } else {
                b.append(BASIC.charAt(s));
            }
        }
        return b.toString();
    }

    /** Packs septets into octets, starting {@code fillBits} into the first octet (after a UDH). */
    static byte[] pack(byte[] septets, int fillBits) {
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        int pos = fillBits;
        for (byte s : septets) {
            int v = s & 0x7F;
            int idx = pos / 8;
            int shift = pos % 8;
            out[idx] |= (byte) (v << shift);
            if (shift > 1) {
                out[idx + 1] |= (byte) (v >> (8 - shift));
            }
            pos += 7;
        }
        return out;
    }

    /** Unpacks {@code count} septets from {@code octets} at {@code offset}, skipping {@code fillBits}. */
    static byte[] unpack(byte[] octets, int offset, int count, int fillBits) {
        byte[] out = new byte[count];
        int pos = fillBits;
        for (int i = 0; i < count; i++) {
            int idx = offset + pos / 8;
            int shift = pos % 8;
            int v = (octets[idx] & 0xFF) >> shift;
            if (shift > 1 && idx + 1 < octets.length) {
                v |= (octets[idx + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            pos += 7;
        }
        return out;
    }
}
