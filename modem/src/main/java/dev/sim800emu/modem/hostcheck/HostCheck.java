package dev.sim800emu.modem.hostcheck;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches the host's side of the serial line and reports each mistake the chip would punish
 * silently ({@link HostRule}), once. Sans-I/O: it is fed what the host wrote (with the modem's
 * time, before the modem reads it), what the modem printed (as the host receives it), and asks
 * the modem about its own state through a {@link ModemView}.
 *
 * <p>The view tells the state as of the start of each host write; within one write the check
 * follows the host's lines itself (a line ended earlier in the same write has no result yet).
 */
public final class HostCheck {
    /** A fixed-length payload that stalls this long and goes on with "AT" was cut short. */
    static final long SHORT_PAYLOAD_GAP = 1000;

    private enum Phase { COMMAND, AWAIT_PROMPT, PAYLOAD, AFTER_PAYLOAD, DISCARD, REST_OF_WRITE }

    private final ModemView view;
    private final Consumer<Finding> listener;
    private final List<Finding> findings = new ArrayList<>();

    private Phase phase = Phase.COMMAND;
    // command lines
    private boolean sawA;
    private boolean inLine;
    private boolean afterCr;
    private boolean earlyLine;
    private boolean resultOwed;
    private final StringBuilder line = new StringBuilder();
    private int lineLength;
    // payload
    private int fixed;
    private int count;
    private long lastPayloadAt;
    private boolean payloadReported;
    // boot and escape
    private boolean bootReported;
    private int pluses;
    private boolean escapePending;
    private int lastModemByte = -1;
    private long now;

    public HostCheck(ModemView view, Consumer<Finding> listener) {
        this.view = view;
        this.listener = listener;
    }

    /** Every finding so far, in order. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** How many findings each rule has, in table order (rules without any left out). */
    public Map<HostRule, Integer> counts() {
        Map<HostRule, Integer> m = new EnumMap<>(HostRule.class);
        for (Finding f : findings) {
            m.merge(f.rule(), 1, Integer::sum);
        }
        return m;
    }

    /** One line for the end of a run: {@code host-check: N findings (rule ×n, …)}. */
    public String summary() {
        if (findings.isEmpty()) {
            return "host-check: no findings";
        }
        StringBuilder s = new StringBuilder("host-check: " + findings.size() + (findings.size() == 1 ? " finding (" : " findings ("));
        String sep = "";
        for (Map.Entry<HostRule, Integer> e : counts().entrySet()) {
            s.append(sep).append(e.getKey().label()).append(" ×").append(e.getValue());
            sep = ", ";
        }
        return s.append(')').toString();
    }

    private void report(HostRule rule, String bytes) {
        Finding f = new Finding(rule, bytes, now);
        findings.add(f);
        listener.accept(f);
    }

    // ------------------------------------------------------------------ the modem's side

    /** Bytes the modem printed, as the host receives them: the check looks for the prompt. */
    public void fromModem(byte[] bytes) {
        for (byte value : bytes) {
            int b = value & 0xFF;
            if (phase == Phase.AWAIT_PROMPT && lastModemByte == '>' && b == ' ') {
                startPayload();
            }
            lastModemByte = b;
        }
    }

    // ------------------------------------------------------------------ the host's side

    /** Bytes the host wrote at modem time {@code nowMillis}, before the modem reads them. */
    public void fromHost(byte[] bytes, int off, int len, long nowMillis) {
        now = nowMillis;
        if (!view.booted()) {
            if (!bootReported) {
                bootReported = true;
                report(HostRule.INPUT_DURING_BOOT, Finding.escape(bytes, off, len));
            }
            forget();
            return;
        }
        bootReported = false;
        if (escapePending) {
            escapePending = false;
            if (view.dataMode()) {
                report(HostRule.ESCAPE_WITHOUT_GUARD, "+++");
            }
        }
        if (view.dataMode()) {
            forget();
            for (int i = off; i < off + len; i++) {
                pluses = bytes[i] == '+' ? pluses + 1 : 0;
            }
            escapePending = pluses >= 3; // the write ended in +++: did the modem escape?
            return;
        }
        pluses = 0;
        resync();
        for (int i = off; i < off + len; i++) {
            int b = bytes[i] & 0xFF;
            switch (phase) {
                case AWAIT_PROMPT -> {
                    if (afterCr && b == '\n') {
                        afterCr = false;
                        continue;
                    }
                    report(HostRule.PAYLOAD_BEFORE_PROMPT, Finding.escape(bytes, i, off + len - i));
                    startPayload();
                    payloadByte(b);
                }
                case PAYLOAD -> {
                    if (afterCr && count == 0 && b == '\n') {
                        afterCr = false; // the LF of the CIPSEND line, as the modem takes it
                        continue;
                    }
                    afterCr = false;
                    payloadByte(b);
                }
                case REST_OF_WRITE -> { }
                case DISCARD -> {
                    if (b == 0x1A || b == 0x1B) {
                        phase = Phase.COMMAND;
                    }
                }
                case AFTER_PAYLOAD -> {
                    if (b == 'A' || b == 'a') {
                        phase = Phase.COMMAND;
                        commandByte(b);
                    } else if (fixed >= 0 && !payloadReported) {
                        payloadReported = true;
                        report(HostRule.PAYLOAD_TOO_LONG, Finding.escape(bytes, i, off + len - i));
                    }
                }
                case COMMAND -> commandByte(b);
            }
        }
    }

    /** The run is over: a payload still owed bytes, or a +++ the modem never took. */
    public void finish() {
        if (phase == Phase.PAYLOAD && fixed >= 0 && count < fixed && !payloadReported) {
            payloadReported = true;
            report(HostRule.PAYLOAD_TOO_SHORT, count + " of " + fixed + " bytes");
        }
        if (escapePending && view.dataMode()) {
            escapePending = false;
            report(HostRule.ESCAPE_WITHOUT_GUARD, "+++");
        }
    }

    /** What the modem did since the last write: a send it ended, a line that got its result. */
    private void resync() {
        resultOwed = false;
        if (phase == Phase.REST_OF_WRITE) {
            phase = Phase.COMMAND;
        } else if (phase == Phase.PAYLOAD && !view.payloadOpen()) {
            phase = Phase.COMMAND; // CIPATS sent it, or the modem refused it
        } else if ((phase == Phase.AWAIT_PROMPT || phase == Phase.AFTER_PAYLOAD) && !view.lineRunning()) {
            phase = Phase.COMMAND;
        }
    }

    /** Off, booting or in data mode: no line or payload is being typed. */
    private void forget() {
        phase = Phase.COMMAND;
        sawA = false;
        inLine = false;
        afterCr = false;
        resultOwed = false;
    }

    private boolean outstanding() {
        return resultOwed || view.lineRunning();
    }

    private void commandByte(int b) {
        if (!inLine) {
            boolean lfOfCr = afterCr && b == '\n';
            afterCr = false;
            if (lfOfCr) {
                return;
            }
            if (sawA && (b == 'T' || b == 't')) {
                inLine = true;
                sawA = false;
                line.setLength(0);
                line.append("AT");
                lineLength = 0;
            } else if (sawA && b == '/') {
                sawA = false;
                if (earlyLine) {
                    report(HostRule.COMMAND_BEFORE_RESULT, "A/");
                }
                resultOwed = true;
            } else if (b == 'A' || b == 'a') {
                if (!sawA) {
                    earlyLine = outstanding();
                }
                sawA = true;
            } else {
                sawA = false;
            }
            return;
        }
        if (b == '\r' || b == '\n') {
            inLine = false;
            afterCr = b == '\r';
            lineEnded();
        } else if (b == 8) {
            if (lineLength > 0) {
                lineLength--;
                line.setLength(line.length() - 1);
            }
        } else if (b >= 0x20 && b != 0x7F) {
            lineLength++;
            if (line.length() < 64) {
                line.append((char) b);
            }
        }
    }

    private void lineEnded() {
        String text = Finding.escape(line.toString()) + (lineLength > 62 ? "…(" + lineLength + " characters after AT)" : "");
        resultOwed = true;
        if (lineLength > 556) {
            report(HostRule.LINE_TOO_LONG, text);
            return; // nothing on it runs
        }
        if (earlyLine) {
            report(HostRule.COMMAND_BEFORE_RESULT, text);
        }
        String upper = line.toString().toUpperCase(Locale.ROOT).replace(" ", "");
        if (upper.equals("AT+CIPSEND") || upper.startsWith("AT+CIPSEND=") && !upper.equals("AT+CIPSEND=?")) {
            send(upper.length() > 11 ? upper.substring(11).split(",", -1) : new String[0], text);
        } else if (upper.startsWith("AT+CIPRXGET=1") && (upper.length() == 13 || upper.charAt(13) == ';')
                && view.anyLinkOpen()) {
            report(HostRule.RXGET_AFTER_CONNECT, text);
        }
    }

    /** An AT+CIPSEND line: which link, what length; a prompt is due unless the modem refuses. */
    private void send(String[] params, String text) {
        boolean multi = view.multiLink();
        int id = multi ? number(params, 0) : 0;
        int length = number(params, multi ? 1 : 0);
        if (multi && id < 0) {
            return; // a malformed line: the modem answers ERROR
        }
        if (!view.linkConnected(id)) {
            report(HostRule.SEND_ON_CLOSED_LINK, text);
            return;
        }
        if (length > view.sendLimit()) {
            report(HostRule.PAYLOAD_OVER_LIMIT, text);
            return;
        }
        fixed = length;
        count = 0;
        payloadReported = false;
        if (view.sendPrompt()) {
            phase = Phase.AWAIT_PROMPT;
        } else {
            startPayload();
        }
    }

    private static int number(String[] params, int i) {
        if (i >= params.length) {
            return -1;
        }
        try {
            return Integer.parseInt(params[i].replace("\"", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void startPayload() {
        phase = Phase.PAYLOAD;
        lastPayloadAt = now;
    }

    private void payloadByte(int b) {
        if (fixed >= 0) {
            if (!payloadReported && count > 0 && (b == 'A' || b == 'a') && now - lastPayloadAt >= SHORT_PAYLOAD_GAP) {
                payloadReported = true; // the host thinks the payload is over and types its next command
                report(HostRule.PAYLOAD_TOO_SHORT, count + " of " + fixed + " bytes, then \"" + (char) b + "\"…");
            }
            lastPayloadAt = now;
            if (++count == fixed) {
                // a payload cut short ended inside the host's next command: the rest is its tail
                phase = payloadReported ? Phase.REST_OF_WRITE : Phase.AFTER_PAYLOAD;
            }
            return;
        }
        if (b == 0x1A || b == 0x1B) {
            phase = Phase.AFTER_PAYLOAD;
            return;
        }
        if (++count > view.sendLimit()) {
            report(HostRule.PAYLOAD_OVER_LIMIT, "Ctrl-Z payload over " + view.sendLimit() + " bytes");
            phase = Phase.DISCARD;
        }
    }
}
