package dev.sim800emu.modem.at;

import java.util.Map;

/**
 * +CMS ERROR codes the SMS commands use, with the verbose texts of the manual's table (§18.2,
 * spelling kept: lower case for the 3xx codes, as a SIM800L printed "invalid input value").
 */
public final class CmsError {
    public static final int OPERATION_NOT_ALLOWED = 302;
    public static final int OPERATION_NOT_SUPPORTED = 303;
    public static final int INVALID_PDU_MODE = 304;
    public static final int INVALID_TEXT_MODE = 305;
    public static final int SIM_NOT_INSERTED = 310;
    public static final int SIM_PIN_REQUIRED = 311;
    public static final int INVALID_MEMORY_INDEX = 321;
    public static final int MEMORY_FULL = 322;
    public static final int INVALID_INPUT_VALUE = 325;
    public static final int SMSC_ADDRESS_UNKNOWN = 330;
    public static final int NO_NETWORK = 331;
    public static final int UNKNOWN = 500;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(1, "Unassigned(unallocated) number"),
            Map.entry(8, "Operator determined barring"),
            Map.entry(10, "Call barred"),
            Map.entry(21, "Short message transfer rejected"),
            Map.entry(27, "Destination out of service"),
            Map.entry(28, "Invalid number format (incomplete number)"),
            Map.entry(38, "Network out of order"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment Congestion"),
            Map.entry(47, "Resources unavailable, unspecified"),
            Map.entry(50, "Requested facility not subscribed"),
            Map.entry(69, "Requested facility not implemented"),
            Map.entry(111, "Protocol error, unspecified"),
            Map.entry(127, "Interworking, unspecified"),
            Map.entry(192, "SC busy"),
            Map.entry(193, "No SC subscription"),
            Map.entry(194, "SC system failure"),
            Map.entry(208, "SIM SMS storage full"),
            Map.entry(300, "ME failure"),
            Map.entry(301, "SMS reserved"),
            Map.entry(302, "operation not allowed"),
            Map.entry(303, "operation not supported"),
            Map.entry(304, "invalid PDU mode"),
            Map.entry(305, "invalid text mode"),
            Map.entry(310, "SIM not inserted"),
            Map.entry(311, "SIM pin necessary"),
            Map.entry(313, "SIM failure"),
            Map.entry(314, "SIM busy"),
            Map.entry(320, "memory failure"),
            Map.entry(321, "invalid memory index"),
            Map.entry(322, "memory full"),
            Map.entry(323, "invalid input parameter"),
            Map.entry(324, "invalid input format"),
            Map.entry(325, "invalid input value"),
            Map.entry(330, "SMSC address unknown"),
            Map.entry(331, "no network"),
            Map.entry(332, "network timeout"),
            Map.entry(340, "no cnma ack"),
            Map.entry(500, "Unknown"),
            Map.entry(513, "Message length exceeds maximum length"),
            Map.entry(529, "MO SMS is not allow"),
            Map.entry(531, "ME storage full"));

    private CmsError() {
    }

    /** The text printed with AT+CMEE=2; codes without one print "Unknown" (500's text). */
    public static String text(int code) {
        return TEXTS.getOrDefault(code, "Unknown");
    }

    /** Whether {@code code} is in the manual's table of +CMS ERROR codes this emulator knows. */
    public static boolean known(int code) {
        return TEXTS.containsKey(code);
    }
}
