package dev.sim800emu.modem.record;

/** What one line of a recording says happened on the serial line. */
public enum EventKind {
    /** Bytes the host sent to the modem. */
    HOST(">"),
    /** Bytes the modem sent to the host. */
    MODEM("<"),
    /** The host raised (1) or dropped (0) DTR. */
    DTR("dtr"),
    /** The host raised (1) or dropped (0) RTS. */
    RTS("rts"),
    /** The modem's output lines changed: {@code dcd=1 ri=0 cts=1 dsr=1}. */
    LINES("lines"),
    /** A host came onto the line through an endpoint: {@code connect tcp}. */
    CONNECT("connect"),
    /** A host left: {@code disconnect tcp}, {@code disconnect tcp power-off} when the modem lost power with it. */
    DISCONNECT("disconnect");

    private final String token;

    EventKind(String token) {
        this.token = token;
    }

    /** How the kind is written in a recording. */
    public String token() {
        return token;
    }

    /** Bytes on the data line, as opposed to a control-line change. */
    public boolean data() {
        return this == HOST || this == MODEM;
    }

    /** A host coming or going, as opposed to what happens on the line while it is there. */
    public boolean session() {
        return this == CONNECT || this == DISCONNECT;
    }

    /** Every kind's token, for messages: {@code >, <, dtr, …}. */
    static String tokens() {
        StringBuilder sb = new StringBuilder();
        for (EventKind k : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(k.token);
        }
        return sb.toString();
    }

    static EventKind ofToken(String token) {
        for (EventKind k : values()) {
            if (k.token.equals(token)) {
                return k;
            }
        }
        return null;
    }
}
