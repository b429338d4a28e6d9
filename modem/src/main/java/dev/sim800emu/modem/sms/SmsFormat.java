package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.radio.MessageStore.Message;
import dev.sim800emu.modem.radio.MessageStore.Status;
import dev.sim800emu.modem.radio.SmsSettings;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How a message looks on the serial line: the header and body lines of +CMGR, +CMGL and +CMT in
 * text mode (with and without AT+CSDH=1) and in PDU mode (reference §2.7, §2.10, §2.11). Each
 * record is one information block, header then body, so consecutive +CMGL records are separated by
 * an empty line, as the chip prints them.
 */
public final class SmsFormat {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yy/MM/dd,HH:mm:ss");
    /** The first octet of a stored SMS-DELIVER as CSDH=1 shows it (the FONA sample's 4). */
    private static final int DELIVER_FO = 4;

    private SmsFormat() {
    }

    /** {@code "yy/MM/dd,hh:mm:ss±zz"}, the zone in quarter hours with its sign. */
    static String timestamp(ZonedDateTime t) {
        int quarters = t.getOffset().getTotalSeconds() / 900;
        return STAMP.format(t) + (quarters < 0 ? "-" : "+") + String.format("%02d", Math.abs(quarters));
    }

    /** 145 for an international number (leading +), 129 otherwise. */
    static int addressType(String number) {
        return number.startsWith("+") ? 145 : 129;
    }

    private static boolean received(Message m) {
        return m.status() == Status.REC_UNREAD || m.status() == Status.REC_READ;
    }

    private static boolean ucs2(String text) {
        return Gsm7.septets(text) == null;
    }

    /** {@code <length>} in text mode: characters, or octets for a UCS2 message. */
    private static int length(String text) {
        return ucs2(text) ? text.length() * 2 : text.length();
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    /** The body as the TE character set shows it. */
    static String body(String text, SmsSettings s) {
        return TeCharset.body(text, s.charset);
    }

    private static String address(String number, SmsSettings s) {
        return quoted(TeCharset.encode(number, s.charset));
    }

    /** The text-mode fields after the status (CMGR) or index and status (CMGL). */
    private static String textFields(Message m, SmsSettings s, boolean list) {
        StringBuilder b = new StringBuilder(address(m.from(), s)).append(",\"\"");
        if (received(m)) {
            b.append(',').append(quoted(timestamp(m.received())));
        } else if (list && s.showHeader) {
            b.append(',');
        }
        if (s.showHeader) {
            int type = addressType(m.from());
            if (list) {
                b.append(',').append(type).append(',').append(length(m.text()));
            } else {
                int dcs = ucs2(m.text()) ? 8 : 0;
                b.append(',').append(type).append(',').append(received(m) ? DELIVER_FO : s.fo).append(',')
                        .append(s.pid).append(',').append(dcs);
                if (!received(m)) {
                    b.append(',').append(s.vp);
                }
                b.append(',').append(quoted(s.sca)).append(',').append(s.tosca).append(',').append(length(m.text()));
            }
        }
        return b.toString();
    }

    static Pdu.Shown pdu(Message m, SmsSettings s) {
        return received(m) ? Pdu.deliver(s.sca, m.from(), m.text(), m.received())
                : Pdu.submit(s.sca, m.from(), m.text(), s.vp);
    }

    private static int pduStat(Status st) {
        return st.ordinal();
    }

    /** AT+CMGR's two lines for {@code m}. */
    static String[] read(Message m, SmsSettings s) {
        if (!s.textMode) {
            Pdu.Shown p = pdu(m, s);
            return new String[] {"+CMGR: " + pduStat(m.status()) + ",\"\"," + p.length(), p.hex()};
        }
        return new String[] {"+CMGR: " + quoted(m.status().text()) + "," + textFields(m, s, false), body(m.text(), s)};
    }

    /** One AT+CMGL record for {@code m}. */
    static String[] listed(Message m, SmsSettings s) {
        if (!s.textMode) {
            Pdu.Shown p = pdu(m, s);
            return new String[] {"+CMGL: " + m.index() + "," + pduStat(m.status()) + ",\"\"," + p.length(), p.hex()};
        }
        return new String[] {"+CMGL: " + m.index() + "," + quoted(m.status().text()) + "," + textFields(m, s, true),
            body(m.text(), s)};
    }

    /** The +CMT URC's two lines: a new message shown at once (CNMI mt=2). */
    public static String[] direct(String from, String text, ZonedDateTime scts, SmsSettings s) {
        if (!s.textMode) {
            Pdu.Shown p = Pdu.deliver(s.sca, from, text, scts);
            return new String[] {"+CMT: \"\"," + p.length(), p.hex()};
        }
        StringBuilder b = new StringBuilder("+CMT: ").append(address(from, s)).append(",\"\",")
                .append(quoted(timestamp(scts)));
        if (s.showHeader) {
            b.append(',').append(addressType(from)).append(',').append(DELIVER_FO).append(',').append(0).append(',')
                    .append(ucs2(text) ? 8 : 0).append(',').append(quoted(s.sca)).append(',').append(s.tosca)
                    .append(',').append(length(text));
        }
        return new String[] {b.toString(), body(text, s)};
    }
}
