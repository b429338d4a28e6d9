package dev.sim800emu.modem.sms;

import java.io.ByteArrayOutputStream;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * PDU mode (3GPP TS 23.040): the SMS-DELIVER and SMS-SUBMIT TPDUs the modem shows for stored and
 * incoming messages, and the SMS-SUBMIT the host gives AT+CMGS and AT+CMGW. A shown PDU starts
 * with the service centre address; its {@code <length>} counts the TPDU only (manual §4.2.5).
 */
final class Pdu {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** A decoded SMS-SUBMIT: destination and text. */
    record Submit(String to, String text) {
    }

    /** A PDU as shown: hex with the SCA in front, and the TPDU length. */
    record Shown(String hex, int length) {
    }

    private Pdu() {
    }

    /** An SMS-DELIVER from {@code from}, time-stamped {@code scts}. */
    static Shown deliver(String sca, String from, String text, ZonedDateTime scts) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x04); // SMS-DELIVER, no more messages to send
        address(t, from);
        t.write(0x00); // PID
        userData(t, text, scts, -1);
        return shown(sca, t.toByteArray());
    }

    /** An SMS-SUBMIT to {@code to}, as the host stored it (relative validity {@code vp}). */
    static Shown submit(String sca, String to, String text, int vp) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x11); // SMS-SUBMIT, relative validity period
        t.write(0x00); // message reference: the network assigns it
        address(t, to);
        t.write(0x00);
        userData(t, text, null, vp);
        return shown(sca, t.toByteArray());
    }

    private static Shown shown(String sca, byte[] tpdu) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(smscAddress(sca));
        all.writeBytes(tpdu);
        return new Shown(HEX.formatHex(all.toByteArray()), tpdu.length);
    }

    /** DCS, then the time stamp (DELIVER) or validity period (SUBMIT), then UDL and the text. */
    private static void userData(ByteArrayOutputStream t, String text, ZonedDateTime scts, int vp) {
        byte[] septets = Gsm7.septets(text);
        t.write(septets == null ? 0x08 : 0x00); // DCS: UCS2 when 7-bit cannot carry it
        if (scts != null) {
            timestamp(t, scts);
        }
        if (vp >= 0) {
            t.write(vp);
        }
        if (septets != null) {
            t.write(septets.length);
            t.writeBytes(Gsm7.pack(septets, 0));
        } else {
            t.write(text.length() * 2);
            for (int i = 0; i < text.length(); i++) {
                t.write(text.charAt(i) >> 8);
                t.write(text.charAt(i) & 0xFF);
            }
        }
    }

    private static void timestamp(ByteArrayOutputStream t, ZonedDateTime ts) {
        int[] fields = {ts.getYear() % 100, ts.getMonthValue(), ts.getDayOfMonth(), ts.getHour(), ts.getMinute(),
            ts.getSecond()};
        for (int f : fields) {
            t.write(swapped(f));
        }
        int quarters = ts.getOffset().getTotalSeconds() / 900;
        int tz = swapped(Math.abs(quarters));
        t.write(quarters < 0 ? tz | 0x08 : tz);
    }

    private static int swapped(int twoDigits) {
        return (twoDigits % 10) << 4 | (twoDigits / 10);
    }

    private static void address(ByteArrayOutputStream t, String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        t.write(digits.length());
        t.write(number.startsWith("+") ? 0x91 : 0x81);
        t.writeBytes(semiOctets(digits));
    }

    private static byte[] smscAddress(String sca) {
        if (sca.isEmpty()) {
            return new byte[] {0};
        }
        String digits = sca.startsWith("+") ? sca.substring(1) : sca;
        byte[] semi = semiOctets(digits);
        byte[] out = new byte[semi.length + 2];
        out[0] = (byte) (semi.length + 1);
        out[1] = (byte) (sca.startsWith("+") ? 0x91 : 0x81);
        System.arraycopy(semi, 0, out, 2, semi.length);
        return out;
    }

    private static byte[] semiOctets(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int d = digitValue(digits.charAt(i));
            out[i / 2] |= (byte) (i % 2 == 0 ? d : d << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xF0;
        }
        return out;
    }

    private static int digitValue(char c) {
        return switch (c) {
            case '*' -> 0xA;
            case '#' -> 0xB;
            case 'a', 'A' -> 0xC;
            case 'b', 'B' -> 0xD;
            case 'c', 'C' -> 0xE;
            default -> c >= '0' && c <= '9' ? c - '0' : 0;
        };
    }

    private static String digits(byte[] b, int off, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            int v = (b[off + i / 2] >> (i % 2 == 0 ? 0 : 4)) & 0x0F;
            s.append("0123456789*#abc".charAt(Math.min(v, 14)));
        }
        return s.toString();
    }

    /**
     * Reads the SMS-SUBMIT the host typed after AT+CMGS={@code length}: hex with the SCA in front;
     * null when it is not valid hex, its TPDU is not {@code length} octets, or it is not a SUBMIT.
     */
    static Submit parseSubmit(String hex, int length) {
        if (hex.length() % 2 != 0 || !TeCharset.isHex(hex)) {
            return null;
        }
        byte[] b = HEX.parseHex(hex);
        try {
            int p = 1 + (b[0] & 0xFF);
            if (b.length - p != length) {
                return null;
            }
            int fo = b[p++] & 0xFF;
            if ((fo & 0x03) != 0x01) {
                return null;
            }
            p++; // message reference
            int n = b[p++] & 0xFF;
            int type = b[p++] & 0xFF;
            String to = (type == 0x91 ? "+" : "") + digits(b, p, n);
            p += (n + 1) / 2;
            p++; // PID
            int dcs = b[p++] & 0xFF;
            int vpf = (fo >> 3) & 0x03;
            p += vpf == 2 ? 1 : vpf == 0 ? 0 : 7;
            int udl = b[p++] & 0xFF;
            int udhOctets = (fo & 0x40) != 0 ? (b[p] & 0xFF) + 1 : 0;
            int alphabet = (dcs & 0xC0) == 0 ? (dcs >> 2) & 0x03 : 0;
            String text;
            if (alphabet == 0) {
                int fill = udhOctets == 0 ? 0 : (7 - (udhOctets * 8) % 7) % 7;
                int skip = udhOctets == 0 ? 0 : (udhOctets * 8 + fill) / 7;
                byte[] septets = Gsm7.unpack(b, p + udhOctets, udl - skip, fill);
                text = Gsm7.text(septets);
            } else {
                StringBuilder s = new StringBuilder();
                for (int i = p + udhOctets; i < p + udl; i += alphabet == 2 ? 2 : 1) {
                    s.append(alphabet == 2 ? (char) ((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF)) : (char) (b[i] & 0xFF));
                }
                text = s.toString();
            }
            return new Submit(to, text);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }
}
