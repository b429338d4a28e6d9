package dev.sim800emu.modem.serial;

/**
 * Telnet (RFC 854) byte codes and the encoding half of the codec: data escaping and the framing
 * of option negotiation and subnegotiation. The decoding half is {@link TelnetParser}.
 *
 * <p>Everything here is plain byte arithmetic with no I/O, so it is shared by the RFC 2217
 * endpoint and its tests.
 */
public final class TelnetCodec {
    /** Interpret As Command: starts every Telnet command; doubled, it is a data byte 0xFF. */
    public static final int IAC = 0xFF;
    public static final int DONT = 0xFE;
    public static final int DO = 0xFD;
    public static final int WONT = 0xFC;
    public static final int WILL = 0xFB;
    /** Subnegotiation Begin: {@code IAC SB <option> <payload> IAC SE}. */
    public static final int SB = 0xFA;
    public static final int NOP = 0xF1;
    /** Subnegotiation End. */
    public static final int SE = 0xF0;

    /** Option: 8-bit data path (RFC 856), needed so that 0x80–0xFE are not stripped. */
    public static final int BINARY = 0;
    /** Option: suppress go-ahead (RFC 858), i.e. a full-duplex line. */
    public static final int SGA = 3;
    /** Option: COM-PORT-OPTION (RFC 2217), the serial port's settings and control lines. */
    public static final int COM_PORT_OPTION = 44;

    private TelnetCodec() {
    }

    /**
     * Data to send on a Telnet connection: each 0xFF doubled. Returns {@code data} itself when it
     * holds no 0xFF (the common case for AT traffic), so the caller must not change it afterwards.
     */
    public static byte[] escape(byte[] data) {
        int iacs = 0;
        for (byte b : data) {
            if ((b & 0xFF) == IAC) {
                iacs++;
            }
        }
        if (iacs == 0) {
            return data;
        }
        byte[] out = new byte[data.length + iacs];
        int j = 0;
        for (byte b : data) {
            out[j++] = b;
            if ((b & 0xFF) == IAC) {
                out[j++] = b;
            }
        }
        return out;
    }

    /** {@code IAC <verb> <option>}, the verb one of WILL, WONT, DO, DONT. */
    public static byte[] negotiation(int verb, int option) {
        return new byte[] {(byte) IAC, (byte) verb, (byte) option};
    }

    /**
     * {@code IAC SB <option> <payload> IAC SE}, with 0xFF in the payload doubled: RFC 855 requires
     * it, and an RFC 2217 baud rate or mask may well contain 0xFF.
     */
    public static byte[] subnegotiation(int option, byte... payload) {
        byte[] body = escape(payload);
        byte[] out = new byte[body.length + 5];
        out[0] = (byte) IAC;
        out[1] = (byte) SB;
        out[2] = (byte) option;
        System.arraycopy(body, 0, out, 3, body.length);
        out[out.length - 2] = (byte) IAC;
        out[out.length - 1] = (byte) SE;
        return out;
    }

    /** A readable name for a negotiation verb, for logs. */
    public static String verbName(int verb) {
        return switch (verb) {
            case WILL -> "WILL";
            case WONT -> "WONT";
            case DO -> "DO";
            case DONT -> "DONT";
            default -> Integer.toString(verb);
        };
    }
}
