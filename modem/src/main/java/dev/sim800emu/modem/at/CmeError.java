package dev.sim800emu.modem.at;

import java.util.Map;

/** +CME ERROR codes and texts used by the emulator (SIM800 manual §19.1). */
public final class CmeError {
    public static final int OPERATION_NOT_ALLOWED = 3;
    public static final int SIM_NOT_INSERTED = 10;
    public static final int SIM_PIN_REQUIRED = 11;
    public static final int INCORRECT_PASSWORD = 16;
    public static final int NO_NETWORK_SERVICE = 30;
    public static final int UNKNOWN = 100;
    public static final int GPRS_NOT_ALLOWED = 107;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(0, "phone failure"),
            Map.entry(1, "no connection to phone"),
            Map.entry(2, "phone-adaptor link reserved"),
            Map.entry(3, "operation not allowed"),
            Map.entry(4, "operation not supported"),
            Map.entry(5, "PH-SIM PIN required"),
            Map.entry(10, "SIM not inserted"),
            Map.entry(11, "SIM PIN required"),
            Map.entry(12, "SIM PUK required"),
            Map.entry(13, "SIM failure"),
            Map.entry(14, "SIM busy"),
            Map.entry(15, "SIM wrong"),
            Map.entry(16, "incorrect password"),
            Map.entry(17, "SIM PIN2 required"),
            Map.entry(18, "SIM PUK2 required"),
            Map.entry(20, "memory full"),
            Map.entry(21, "invalid index"),
            Map.entry(22, "not found"),
            Map.entry(23, "memory failure"),
            Map.entry(24, "text string too long"),
            Map.entry(25, "invalid characters in text string"),
            Map.entry(30, "no network service"),
            Map.entry(31, "network timeout"),
            Map.entry(32, "network not allowed - emergency call only"),
            Map.entry(99, "resource limitation"),
            Map.entry(100, "unknown"),
            Map.entry(103, "Illegal MS"),
            Map.entry(106, "Illegal ME"),
            Map.entry(107, "GPRS services not allowed"),
            Map.entry(111, "PLMN not allowed"),
            Map.entry(112, "Location area not allowed"),
            Map.entry(113, "Roaming not allowed in this location area"),
            Map.entry(132, "service option not supported"),
            Map.entry(133, "requested service option not subscribed"),
            Map.entry(134, "service option temporarily out of order"),
            Map.entry(148, "unspecified GPRS error"),
            Map.entry(149, "PDP authentication failure"),
            Map.entry(150, "invalid mobile class"),
            Map.entry(160, "DNS resolve failed"),
            Map.entry(161, "Socket open failed"),
            Map.entry(180, "gprs is not attached"),
            Map.entry(181, "tcpip stack is busy"),
            Map.entry(601, "Unrecognized Command"),
            Map.entry(603, "Syntax Error"),
            Map.entry(604, "Unspecified Error"),
            Map.entry(765, "Invalid input value"),
            Map.entry(766, "Unsupported mode"),
            Map.entry(767, "Operation failed"),
            Map.entry(791, "Param count not enough"),
            Map.entry(792, "Param count beyond"),
            Map.entry(793, "Param value range beyond"),
            Map.entry(797, "CFUN state is 0 or 4"));

    private CmeError() {
    }

    /** The verbose text printed with AT+CMEE=2; unknown codes fall back to "unknown". */
    public static String text(int code) {
        return TEXTS.getOrDefault(code, "unknown");
    }
}
