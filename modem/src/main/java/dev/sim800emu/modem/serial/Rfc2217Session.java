package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.TelnetCodec.BINARY;
import static dev.sim800emu.modem.serial.TelnetCodec.COM_PORT_OPTION;
import static dev.sim800emu.modem.serial.TelnetCodec.SGA;

import dev.sim800emu.modem.LineState;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one RFC 2217 (Telnet COM-PORT-OPTION) connection, without I/O: bytes from the
 * client go in through {@link #feed}, modem line changes through {@link #lines}; Telnet control
 * traffic leaves through the {@code wire} consumer and everything that concerns the serial port
 * (data, DTR, RTS, rate, flow-control suspension, purge) through {@link Port}.
 *
 * <p>The port settings a virtual UART has no use for (data size, parity, stop size, flow-control
 * mode, break) are remembered and reported back, so that clients which check the echo of what
 * they set (pyserial does) are satisfied. Values out of range are answered with the current
 * setting, which is how RFC 2217 says a refusal looks.
 */
final class Rfc2217Session implements TelnetParser.Handler {
    private static final Logger log = LoggerFactory.getLogger(Rfc2217Session.class);

    // Client-to-server COM-PORT-OPTION commands; the server answers with the same code + 100.
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int NOTIFY_LINESTATE = 6;
    static final int NOTIFY_MODEMSTATE = 7;
    static final int FLOWCONTROL_SUSPEND = 8;
    static final int FLOWCONTROL_RESUME = 9;
    static final int SET_LINESTATE_MASK = 10;
    static final int SET_MODEMSTATE_MASK = 11;
    static final int PURGE_DATA = 12;
    static final int SERVER_OFFSET = 100;

    // Modem-state bits of NOTIFY-MODEMSTATE.
    static final int CD = 0x80;
    static final int RI = 0x40;
    static final int DSR = 0x20;
    static final int CTS = 0x10;
    static final int DELTA_CD = 0x08;
    static final int TRAILING_RI = 0x04;
    static final int DELTA_DSR = 0x02;
    static final int DELTA_CTS = 0x01;

    /** The serial port behind the session, as far as the client can act on it. */
    interface Port {
        /** Data typed by the host, unescaped; the array is reused after the call. */
        void fromHost(byte[] bytes, int off, int len);

        /** Sets the host's rate in bits per second. */
        void baud(int bitsPerSecond);

        /** The rate in force, reported back to the client. */
        int baud();

        void dtr(boolean asserted);

        boolean dtr();

        void rts(boolean asserted);

        boolean rts();

        /** The client asked the server to stop (true) or resume sending data to it. */
        void suspendOutput(boolean suspend);

        /** Drops modem output the server has but has not sent (PURGE-DATA of the receive buffer). */
        void purgeOutput();
    }

    private final Port port;
    private final Consumer<byte[]> wire;
    private final TelnetParser parser = new TelnetParser(this);
    private final TelnetOptions options;

    private int dataSize = 8;
    /** 1 = none (RFC 2217 codes: 2 odd, 3 even, 4 mark, 5 space). */
    private int parity = 1;
    /** 1 = one stop bit (2 = two, 3 = one and a half). */
    private int stopSize = 1;
    /** Outbound flow control: 1 none, 2 XON/XOFF, 3 hardware. */
    private int flow = 1;
    /** Inbound flow control: 14 none, 15 XON/XOFF, 16 hardware. */
    private int inboundFlow = 14;
    private boolean breakOn;
    private int lineStateMask;
    private int modemStateMask = 0xFF;

    private boolean comPortAgreed;
    /** The modem's lines now, and as last reported to the client (deltas are against it). */
    private LineState lines = LineState.OFF;
    private LineState reported = LineState.OFF;

    /**
     * @param wire where Telnet control bytes go (negotiation, subnegotiation); never held back by
     *             a flow-control suspension, which concerns data only
     */
    Rfc2217Session(Port port, Consumer<byte[]> wire) {
        this.port = port;
        this.wire = wire;
        this.options = new TelnetOptions(Set.of(BINARY, SGA, COM_PORT_OPTION), Set.of(BINARY, SGA, COM_PORT_OPTION),
                wire, this::optionEnabled);
    }

    /** Opens the negotiation: we offer COM-PORT-OPTION and an 8-bit, full-duplex line both ways. */
    void start() {
        options.offer(COM_PORT_OPTION);
        options.offer(BINARY);
        options.request(BINARY);
        options.offer(SGA);
        options.request(SGA);
    }

    /** Bytes from the client, in any fragmentation. */
    void feed(byte[] bytes, int off, int len) {
        parser.feed(bytes, off, len);
    }

    /** The modem's lines changed (or are being reported for the first time). */
    void lines(LineState now) {
        lines = now;
        if (comPortAgreed) {
            notifyModemState(false);
        }
    }

    private boolean inputReady = true;

    /**
     * The modem can (or cannot) take more input: the client is asked to resume (or suspend) its
     * data with the server-to-client FLOWCONTROL-RESUME (109) or -SUSPEND (108). Clients may ignore
     * it (pyserial does); the endpoint stops reading the socket as well.
     */
    void inputReady(boolean ready) {
        // The modem repeats its state to each new listener; only a change is worth telling.
        if (ready == inputReady) {
            return;
        }
        inputReady = ready;
        sendComPort((ready ? FLOWCONTROL_RESUME : FLOWCONTROL_SUSPEND) + SERVER_OFFSET);
    }

    // ------------------------------------------------------------------ parser callbacks

    @Override
    public void data(byte[] bytes, int off, int len) {
        port.fromHost(bytes, off, len);
    }

    @Override
    public void negotiation(int verb, int option) {
        log.debug("client {} {}", TelnetCodec.verbName(verb), option);
        options.receive(verb, option);
    }

    @Override
    public void command(int code) {
        log.debug("ignoring Telnet command {}", code);
    }

    @Override
    public void subnegotiation(int option, byte[] payload) {
        if (option != COM_PORT_OPTION || payload.length == 0) {
            log.debug("ignoring subnegotiation for option {}", option);
            return;
        }
        int command = payload[0] & 0xFF;
        int value = payload.length > 1 ? payload[1] & 0xFF : -1;
        switch (command) {
            case SET_BAUDRATE -> setBaudRate(payload);
            case SET_DATASIZE -> {
                if (value >= 5 && value <= 8) {
                    dataSize = value;
                }
                answer(command, dataSize);
            }
            case SET_PARITY -> {
                if (value >= 1 && value <= 5) {
                    parity = value;
                }
                answer(command, parity);
            }
            case SET_STOPSIZE -> {
                if (value >= 1 && value <= 3) {
                    stopSize = value;
                }
                answer(command, stopSize);
            }
            case SET_CONTROL -> setControl(value);
            // Defined as server-to-client only, but clients (pyserial's ?poll_modem) send them as
            // polls, and pyserial's own server answers: so do we.
            case NOTIFY_LINESTATE -> answer(NOTIFY_LINESTATE - SERVER_OFFSET, 0);
            case NOTIFY_MODEMSTATE -> notifyModemState(true);
            case FLOWCONTROL_SUSPEND -> port.suspendOutput(true);
            case FLOWCONTROL_RESUME -> port.suspendOutput(false);
            case SET_LINESTATE_MASK -> {
                if (value >= 0) {
                    lineStateMask = value;
                }
                answer(command, lineStateMask);
            }
            case SET_MODEMSTATE_MASK -> {
                if (value >= 0) {
                    modemStateMask = value;
                }
                answer(command, modemStateMask);
            }
            case PURGE_DATA -> {
                // 1: data from the modem not yet sent (ours to drop); 2: data for the modem not
                // yet written (the engine takes it at once, nothing waits); 3: both.
                if (value == 1 || value == 3) {
                    port.purgeOutput();
                }
                if (value >= 1 && value <= 3) {
                    answer(command, value);
                }
            }
            default -> log.debug("ignoring COM-PORT-OPTION command {}", command);
        }
    }

    // ------------------------------------------------------------------ COM-PORT-OPTION

    private void setBaudRate(byte[] payload) {
        if (payload.length >= 5) {
            long rate = ((payload[1] & 0xFFL) << 24) | ((payload[2] & 0xFF) << 16)
                    | ((payload[3] & 0xFF) << 8) | (payload[4] & 0xFF);
            // 0 is a query; a rate beyond int range is nonsense for a UART and refused.
            if (rate > 0 && rate <= Integer.MAX_VALUE) {
                port.baud((int) rate);
            }
        }
        int now = port.baud();
        sendComPort(SET_BAUDRATE + SERVER_OFFSET,
                (byte) (now >>> 24), (byte) (now >>> 16), (byte) (now >>> 8), (byte) now);
    }

    /** SET-CONTROL: flow-control mode, BREAK, DTR, RTS; even codes are mostly queries. */
    private void setControl(int value) {
        switch (value) {
            case 0 -> answer(SET_CONTROL, flow);
            case 1, 2, 3 -> {
                flow = value;
                answer(SET_CONTROL, value);
            }
            case 4 -> answer(SET_CONTROL, breakOn ? 5 : 6);
            case 5, 6 -> {
                breakOn = value == 5;
                answer(SET_CONTROL, value);
            }
            case 7 -> answer(SET_CONTROL, port.dtr() ? 8 : 9);
            case 8, 9 -> {
                port.dtr(value == 8);
                answer(SET_CONTROL, value);
            }
            case 10 -> answer(SET_CONTROL, port.rts() ? 11 : 12);
            case 11, 12 -> {
                port.rts(value == 11);
                answer(SET_CONTROL, value);
            }
            case 13 -> answer(SET_CONTROL, inboundFlow);
            case 14, 15, 16 -> {
                inboundFlow = value;
                answer(SET_CONTROL, value);
            }
            // DCD or DSR flow control (outbound), DTR flow control (inbound): not offered, so the
            // answer is the setting left in force.
            case 17, 19 -> answer(SET_CONTROL, flow);
            case 18 -> answer(SET_CONTROL, inboundFlow);
            default -> log.debug("ignoring SET-CONTROL {}", value);
        }
    }

    /** The server's answer to a client command: code + 100 and one value byte. */
    private void answer(int clientCommand, int value) {
        sendComPort(clientCommand + SERVER_OFFSET, (byte) value);
    }

    private void sendComPort(int command, byte... value) {
        byte[] payload = new byte[value.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(value, 0, payload, 1, value.length);
        wire.accept(TelnetCodec.subnegotiation(COM_PORT_OPTION, payload));
    }

    // ------------------------------------------------------------------ modem state

    private void optionEnabled(int option, boolean local) {
        // Either direction of COM-PORT-OPTION counts as agreement (pyserial's server is as
        // lenient): the client hears the lines' state once, right away.
        if (option == COM_PORT_OPTION && !comPortAgreed) {
            comPortAgreed = true;
            notifyModemState(true);
        }
    }

    /**
     * Sends NOTIFY-MODEMSTATE with the lines' state and what changed since the last report,
     * masked by the client's modem-state mask. Unless forced (first report, poll), nothing is sent
     * when no bit the client cares about has changed.
     */
    private void notifyModemState(boolean force) {
        int state = modemState(lines, reported);
        int changed = (modemState(lines, lines) ^ modemState(reported, reported)) | (state & 0x0F);
        reported = lines;
        if (force || (changed & modemStateMask) != 0) {
            sendComPort(NOTIFY_MODEMSTATE + SERVER_OFFSET, (byte) (state & modemStateMask));
        }
    }

    /** The modem-state byte for {@code now}, with delta bits against {@code before}. */
    static int modemState(LineState now, LineState before) {
        int s = 0;
        if (now.dcd()) {
            s |= CD;
        }
        if (now.ri()) {
            s |= RI;
        }
        if (now.dsr()) {
            s |= DSR;
        }
        if (now.cts()) {
            s |= CTS;
        }
        if (now.dcd() != before.dcd()) {
            s |= DELTA_CD;
        }
        if (before.ri() && !now.ri()) {
            s |= TRAILING_RI;
        }
        if (now.dsr() != before.dsr()) {
            s |= DELTA_DSR;
        }
        if (now.cts() != before.cts()) {
            s |= DELTA_CTS;
        }
        return s;
    }
}
