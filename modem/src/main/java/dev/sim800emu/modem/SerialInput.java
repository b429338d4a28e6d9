package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ByteSink;
import dev.sim800emu.modem.at.CommandLineFramer;
import dev.sim800emu.modem.at.LineExecutor;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.settings.Setting;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where host bytes go, by mode. Command mode: each byte is echoed (ATE1) and framed into lines for
 * the executor; while a line runs, further bytes wait in the {@link Inbox}. Payload mode (after a
 * CIPSEND prompt): bytes fill the send session's payload until its length, Ctrl-Z or ESC. Data
 * mode (transparent link): bytes go to the link untouched.
 */
final class SerialInput {
    private static final Logger log = LoggerFactory.getLogger(SerialInput.class);
    /** Type-ahead beyond this is dropped rather than growing without bound. */
    static final int INBOX_LIMIT = 1 << 20;
    /** Above this much type-ahead the endpoint is asked to stop reading. */
    private static final int READY_LIMIT = INBOX_LIMIT / 16;

    private final ModemEngine modem;
    private final LineExecutor<?> executor;
    private final CommandLineFramer framer;
    private final ByteSink echo;
    private final Inbox inbox = new Inbox();
    private boolean pumping;
    private PayloadSink payload;
    /** A Ctrl-Z payload as typed; null for a fixed-length one. */
    private ByteSink payloadBuf;
    /** A fixed-length payload is copied straight into the array handed to its sink. */
    private byte[] fixedPayload;
    private int fixedFilled;
    /** The CIPSEND line ended with CR and its LF has not arrived yet: an LF first is not payload. */
    private boolean payloadSkipLf;
    /** The serial line is in transparent data mode: no echo, no commands. */
    private boolean dataMode;
    /** Data mode starts once the running line has finished. */
    private Runnable pendingDataMode;
    private long internalErrors;

    SerialInput(ModemEngine modem, LineExecutor<?> executor, ByteSink echo) {
        this.modem = modem;
        this.executor = executor;
        this.echo = echo;
        this.framer = new CommandLineFramer(() -> modem.settings().get(Setting.S5));
    }

    /**
     * Bytes from a powered, awake modem's host, still in the endpoint's buffer: in data mode with
     * nothing queued they go to the link as they are; otherwise they are copied and queued.
     */
    void accept(dev.sim800emu.modem.net.Payload data) {
        if (dataMode && inbox.size() == 0) {
            modem.tcpip().onDataModeInput(data);
            return;
        }
        byte[] bytes = data.toArray();
        accept(bytes, 0, bytes.length);
    }

    /** Bytes from a powered, awake modem's host. */
    void accept(byte[] data, int off, int len) {
        if (dataMode && inbox.size() == 0) {
            // Data mode with nothing queued: straight to the link, without the inbox copy.
            modem.tcpip().onDataModeInput(data, off, len);
            return;
        }
        if (inbox.size() + len > INBOX_LIMIT) {
            log.warn("type-ahead over {} bytes; dropping {} bytes", INBOX_LIMIT, len);
            return;
        }
        inbox.add(data, off, len);
        pump();
    }

    /** Whether the inbox has room; the endpoint pauses reading when it has not. */
    boolean ready() {
        return inbox.size() < READY_LIMIT;
    }

    /** URCs must wait: a line runs, a payload is being typed, or the line is in data mode. */
    boolean holdsUrcs() {
        return lineRunning() || payload != null || dataMode || pendingDataMode != null;
    }

    boolean dataMode() {
        return dataMode;
    }

    /** A line runs, or its final result is still held back (--stress-timing): the host must wait. */
    boolean lineRunning() {
        return executor.busy() || modem.stress.resultHeld();
    }

    /** A CIPSEND prompt is open: host bytes are payload. */
    boolean payloadOpen() {
        return payload != null;
    }

    long internalErrors() {
        return internalErrors;
    }

    /**
     * A payload started by a host of the engine (the TCP/IP stack's CIPSEND, the HTTP
     * application's HTTPDATA): an entry point of its own, settled on the way out.
     */
    void beginPayloadFromHost(PayloadSink sink) {
        modem.enter(); // not modem.run(lambda): a CIPSEND loop allocates nothing here
        try {
            beginPayload(sink);
        } finally {
            modem.leave();
        }
    }

    /** Ends the payload now with what has arrived (CIPATS, HTTPDATA's time limit); settle feeds on. */
    void flushPayloadFromHost() {
        modem.enter();
        try {
            flushPayload();
        } finally {
            modem.leave();
        }
    }

    /** Feeds waiting input to whatever takes it now, until it is gone or has to wait. */
    void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (inbox.size() > 0 && modem.power() == ModemEngine.Power.ON) {
                if (dataMode) {
                    byte[] bytes = inbox.takeAll();
                    modem.tcpip().onDataModeInput(bytes, 0, bytes.length);
                } else if (payload != null) {
                    feedPayload();
                } else if (framer.justEndedWithCr() && inbox.peek() == '\n') {
                    // The LF of the CR LF that ended the last line, while it runs or after: taken
                    // as it arrives, never echoed (see feedCommand).
                    inbox.take();
                    framer.lfTaken();
                } else if (lineRunning()) {
                    break;
                } else {
                    feedCommand(inbox.take());
                }
            }
        } catch (RuntimeException e) {
            // Nothing a host sends may take the modem down.
            internalErrors++;
            inbox.clear();
            log.error("engine failure on input; modem keeps running", e);
        } finally {
            pumping = false;
        }
    }

    private boolean echoOn() {
        return modem.settings().on(Setting.ECHO);
    }

    private void feedCommand(int b) {
        if (framer.idle() && (b == 'A' || b == 'a')) {
            modem.stress.lineStarts(); // held notices cross the host's command: before its echo
        }
        CommandLineFramer.Event event = framer.feed(b);
        // Every byte is echoed as it arrives, except an LF that ends a line, bare or after the CR: a
        // SIM800L answers "AT\n" with "AT\r\nOK\r\n" (hex dumps in KenLagoni/MavlinkGPRS,
        // libraries/SIM800L) and "AT\r\n" with "AT\r\r\nOK\r\n" (TinyGSM #314, and the
        // ostaquet/Arduino-SIM800L-driver logs, whose reader stops at the second CR LF).
        if (echoOn() && !(b == '\n' && event != CommandLineFramer.Event.NONE && event != CommandLineFramer.Event.REPEAT)) {
            echo.write(b);
        }
        switch (event) {
            case LINE -> {
                if (framer.justEndedWithCr() && inbox.size() > 0 && inbox.peek() == '\n') {
                    inbox.take();
                    framer.lfTaken();
                }
                executor.execute(framer.lastLine());
            }
            case REPEAT -> executor.execute(framer.lastLine());
            case OVERLONG -> executor.rejectOverlong();
            case NONE -> { }
        }
    }

    // ------------------------------------------------------------------ payload

    void beginPayload(PayloadSink sink) {
        payload = sink;
        if (sink.fixedLength() > 0) {
            fixedPayload = new byte[sink.fixedLength()];
            fixedFilled = 0;
        } else {
            payloadBuf = new ByteSink(64);
        }
        // An LF right after the command's CR belongs to the command line, not to the payload,
        // whether it came in the same read or arrives later.
        payloadSkipLf = framer.justEndedWithCr();
    }

    /** Ends the payload now with what has arrived (CIPATS); false when there was none. */
    boolean flushPayload() {
        if (payload == null) {
            return false;
        }
        endPayload(payload);
        return true;
    }

    private void feedPayload() {
        if (fixedPayload != null) {
            feedFixedPayload();
            return;
        }
        PayloadSink sink = payload;
        int fixed = sink.fixedLength();
        while (inbox.size() > 0 && payload == sink) {
            int b = inbox.take();
            if (payloadSkipLf) {
                payloadSkipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (fixed < 0) {
                if (b == 0x1A) {
                    endPayload(sink);
                    return;
                }
                if (b == 0x1B) {
                    dropPayload();
                    sink.onCancel();
                    return;
                }
            }
            if (echoOn()) {
                echo.write(b);
            }
            payloadBuf.write(b);
            byte[] reply = sink.afterByte(b);
            if (reply != null) {
                echo.write(reply);
            }
            if (fixed >= 0 && payloadBuf.size() == fixed) {
                endPayload(sink);
                return;
            }
            if (fixed < 0 && payloadBuf.size() > sink.maxLength()) {
                dropPayload();
                sink.onOverflow();
                return;
            }
        }
    }

    /**
     * A fixed-length payload has no special bytes: whole runs of the inbox are copied at once into
     * the array the sink gets, echoed (ATE1) as one run. Only Ctrl-Z payloads (SMS) reply per byte.
     */
    private void feedFixedPayload() {
        if (payloadSkipLf) {
            payloadSkipLf = false;
            if (inbox.peek() == '\n') {
                inbox.take();
                if (inbox.size() == 0) {
                    return;
                }
            }
        }
        byte[] into = fixedPayload;
        int n = Math.min(inbox.size(), into.length - fixedFilled);
        inbox.take(into, fixedFilled, n);
        if (echoOn()) {
            echo.write(into, fixedFilled, n);
        }
        fixedFilled += n;
        if (fixedFilled == into.length) {
            endPayload(payload);
        }
    }

    private void endPayload(PayloadSink sink) {
        byte[] data;
        if (fixedPayload != null) {
            data = fixedFilled == fixedPayload.length ? fixedPayload : Arrays.copyOf(fixedPayload, fixedFilled);
        } else {
            data = payloadBuf.drain();
        }
        dropPayload();
        sink.onPayload(data);
    }

    private void dropPayload() {
        payload = null;
        payloadBuf = null;
        fixedPayload = null;
        fixedFilled = 0;
    }

    // ------------------------------------------------------------------ data mode

    /**
     * Switches to data mode now, or, when a line or a payload is in progress, once the line has
     * finished; returns true when it switched now.
     */
    boolean enterDataMode(Runnable entered) {
        if (lineRunning() || payload != null) {
            pendingDataMode = entered;
            return false;
        }
        return true;
    }

    /** Enters data mode now: {@code entered} runs with the line already switched. */
    void startDataMode(Runnable entered) {
        dataMode = true;
        entered.run();
    }

    /** A line has finished: data mode waiting for it starts now. */
    void startPendingDataMode() {
        if (pendingDataMode != null) {
            Runnable r = pendingDataMode;
            pendingDataMode = null;
            startDataMode(r);
        }
    }

    /** Back to command mode with a fresh framer. */
    void leaveDataMode() {
        dataMode = false;
        pendingDataMode = null;
        framer.reset();
    }

    /** Power loss: every mode and all type-ahead forgotten. */
    void reset() {
        dataMode = false;
        pendingDataMode = null;
        dropPayload();
        inbox.clear();
        framer.reset();
        framer.clearHistory();
    }
}
