package dev.sim800emu.modem.radio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bearer profiles of AT+SAPBR (manual chapter 9), used by the HTTP, FTP and location
 * applications. They are independent of the CIP stack's contexts: the CIP state machine does not
 * see them, and a driver may open both (TinyGSM does).
 */
public final class AppBearers {
    /** Bearer status values of +SAPBR: 0 connecting, 1 connected, 2 closing, 3 closed. */
    public static final int CONNECTED = 1;
    public static final int CLOSED = 3;

    /** One of the three profiles. */
    public static final class Profile {
        final Map<String, String> params = new LinkedHashMap<>();
        int status = CLOSED;

        Profile() {
            params.put("CONTYPE", "GPRS");
            params.put("APN", "CMNET");
            params.put("PHONENUM", "");
            params.put("USER", "");
            params.put("PWD", "");
            params.put("RATE", "2");
        }

        public int status() {
            return status;
        }

        public String param(String tag) {
            return params.get(tag.toUpperCase(Locale.ROOT));
        }

        /** Sets a parameter; false for a tag SAPBR does not know. */
        public boolean set(String tag, String value) {
            String key = tag.toUpperCase(Locale.ROOT);
            if (!params.containsKey(key)) {
                return false;
            }
            params.put(key, value);
            return true;
        }

        public Map<String, String> params() {
            return params;
        }

        public void setStatus(int status) {
            this.status = status;
        }
    }

    /** Made on first use: most modems never touch SAPBR, and a profile is a few hundred bytes. */
    private Profile[] profiles;

    /** Profile for cid 1..3. */
    public Profile profile(int cid) {
        if (profiles == null) {
            profiles = new Profile[3];
        }
        if (profiles[cid - 1] == null) {
            profiles[cid - 1] = new Profile();
        }
        return profiles[cid - 1];
    }

    public void reset() {
        profiles = null;
    }

    /** Marks every open profile closed; returns the cids that were open (for +SAPBR n: DEACT). */
    public int[] dropAll() {
        int[] dropped = new int[0];
        for (int i = 0; profiles != null && i < profiles.length; i++) {
            if (profiles[i] != null && profiles[i].status == CONNECTED) {
                profiles[i].status = CLOSED;
                dropped = java.util.Arrays.copyOf(dropped, dropped.length + 1);
                dropped[dropped.length - 1] = i + 1;
            }
        }
        return dropped;
    }
}
