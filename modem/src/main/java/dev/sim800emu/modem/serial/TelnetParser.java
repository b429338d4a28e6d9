package dev.sim800emu.modem.serial;

import static dev.sim800emu.modem.serial.TelnetCodec.DO;
import static dev.sim800emu.modem.serial.TelnetCodec.DONT;
import static dev.sim800emu.modem.serial.TelnetCodec.IAC;
import static dev.sim800emu.modem.serial.TelnetCodec.SB;
import static dev.sim800emu.modem.serial.TelnetCodec.SE;
import static dev.sim800emu.modem.serial.TelnetCodec.WILL;
import static dev.sim800emu.modem.serial.TelnetCodec.WONT;

import java.util.Arrays;

/**
 * The decoding half of the Telnet codec: a byte-at-a-time state machine that splits a Telnet
 * stream into data (with {@code IAC IAC} turned back into 0xFF), option negotiation
 * ({@code IAC WILL|WONT|DO|DONT <option>}), subnegotiation ({@code IAC SB <option> … IAC SE}) and
 * other commands. TCP delivers the stream in arbitrary pieces, so every state survives between
 * {@link #feed} calls: a command may be split anywhere, even between IAC and its verb.
 *
 * <p>It never throws on bad input, since the bytes come from whoever connects: an IAC followed by
 * an undefined code is reported as a command, and a subnegotiation interrupted by
 * {@code IAC <anything but IAC or SE>} is abandoned and that IAC read as a command (as libtelnet
 * does), so a lost SE cannot swallow the rest of the session. A subnegotiation longer than
 * {@link #SB_LIMIT} is dropped whole when its SE arrives.
 *
 * <p>Not thread-safe; one parser per connection.
 */
public final class TelnetParser {
    /** Longest subnegotiation kept, option byte included; RFC 2217's longest is 6 bytes. */
    static final int SB_LIMIT = 256;

    /** What the parser found. Calls come in stream order, on the thread calling {@link #feed}. */
    public interface Handler {
        /**
         * Data bytes, already unescaped. The array is the parser's and is reused after the call:
         * copy what must be kept.
         */
        void data(byte[] bytes, int off, int len);

        /** {@code IAC <verb> <option>}: verb is WILL, WONT, DO or DONT. */
        void negotiation(int verb, int option);

        /** {@code IAC SB <option> <payload> IAC SE}, the payload unescaped and the caller's to keep. */
        void subnegotiation(int option, byte[] payload);

        /** Any other {@code IAC <code>} (NOP, BRK, AYT, a stray SE, garbage). Ignored by default. */
        default void command(int code) {
        }
    }

    private enum State {
        /** Plain data. */
        DATA,
        /** After an IAC in data. */
        IAC,
        /** After IAC WILL/WONT/DO/DONT, waiting for the option byte. */
        VERB,
        /** Inside a subnegotiation. */
        SB,
        /** After an IAC inside a subnegotiation. */
        SB_IAC
    }

    private final Handler handler;
    private State state = State.DATA;
    private int verb;
    /** Data collected during one feed, handed over before any command so that order is kept. */
    private final byte[] data = new byte[1024];
    private int dataLen;
    private byte[] sb = new byte[16];
    private int sbLen;
    private boolean sbOverflow;

    public TelnetParser(Handler handler) {
        this.handler = handler;
    }

    /** Parses {@code len} bytes from {@code in}; callbacks happen before this returns. */
    public void feed(byte[] in, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int b = in[i] & 0xFF;
            switch (state) {
                case DATA -> {
                    if (b == IAC) {
                        state = State.IAC;
                    } else {
                        appendData(b);
                    }
                }
                case IAC -> afterIac(b);
                case VERB -> {
                    flushData();
                    state = State.DATA;
                    handler.negotiation(verb, b);
                }
                case SB -> {
                    if (b == IAC) {
                        state = State.SB_IAC;
                    } else {
                        appendSb(b);
                    }
                }
                case SB_IAC -> {
                    if (b == IAC) {
                        appendSb(IAC);
                        state = State.SB;
                    } else if (b == SE) {
                        state = State.DATA;
                        endSubnegotiation();
                    } else {
                        // IAC <command> inside SB: the sender lost its SE. Drop the fragment and
                        // read this IAC as an ordinary one.
                        sbLen = 0;
                        afterIac(b);
                    }
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
        flushData();
    }

    public void feed(byte[] in) {
        feed(in, 0, in.length);
    }

    /** Whether the parser is between commands (no half-read IAC sequence or subnegotiation). */
    public boolean idle() {
        return state == State.DATA;
    }

    private void afterIac(int b) {
        switch (b) {
            case IAC -> {
                appendData(IAC);
                state = State.DATA;
            }
            case WILL, WONT, DO, DONT -> {
                verb = b;
                state = State.VERB;
            }
            case SB -> {
                sbLen = 0;
                sbOverflow = false;
                state = State.SB;
            }
            default -> {
                flushData();
                state = State.DATA;
                handler.command(b);
            }
        }
    }

    private void appendData(int b) {
        if (dataLen == data.length) {
            flushData();
        }
        data[dataLen++] = (byte) b;
    }

    private void flushData() {
        if (dataLen > 0) {
            int n = dataLen;
            dataLen = 0;
            handler.data(data, 0, n);
        }
    }

    private void appendSb(int b) {
        if (sbLen == SB_LIMIT) {
            sbOverflow = true;
            return;
        }
        if (sbLen == sb.length) {
            sb = Arrays.copyOf(sb, Math.min(SB_LIMIT, sb.length * 2));
        }
        sb[sbLen++] = (byte) b;
    }

    private void endSubnegotiation() {
        int n = sbLen;
        sbLen = 0;
        // An empty IAC SB IAC SE names no option; an oversized one is not worth guessing at.
        if (n == 0 || sbOverflow) {
            return;
        }
        flushData();
        handler.subnegotiation(sb[0] & 0xFF, Arrays.copyOfRange(sb, 1, n));
    }
}
