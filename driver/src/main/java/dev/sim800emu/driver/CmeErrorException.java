package dev.sim800emu.driver;

/**
 * {@code +CME ERROR: <n>} (equipment errors) or {@code +CMS ERROR: <n>} (SMS errors). The driver
 * sets {@code AT+CMEE=1}, so {@link #code()} is the number; with verbose errors set by hand it is -1
 * and {@link #text()} carries the words.
 */
public class CmeErrorException extends AtErrorException {
    private final boolean sms;
    private final int code;
    private final String text;

    public CmeErrorException(String command, boolean sms, int code, String text) {
        super(command, (sms ? "+CMS ERROR: " : "+CME ERROR: ") + (code >= 0 ? code : text) + " for " + command);
        this.sms = sms;
        this.code = code;
        this.text = text;
    }

    /** True for {@code +CMS ERROR}. */
    public boolean sms() {
        return sms;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
