package dev.sim800emu.modem.metrics;

import dev.sim800emu.modem.runtime.SerialObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Meters one modem's serial line from the outside, as a host would see it: bytes each way, the
 * time from the end of a command line to its final result, failures, and URCs by kind. It reads
 * the bytes rather than the engine so that the engine stays free of meters; the price is that it
 * recognises lines by their text (a received payload line that reads "CLOSED" counts as a URC).
 * Runs on the modem's loop; about a hundred bytes per modem.
 */
public final class SerialMeter implements SerialObserver {
    /** Failure results, as label values. */
    static final List<String> ERROR_KINDS = List.of("error", "cme_error", "send_fail");
    /** URCs counted, as label values; their texts are in {@link #urcKind}. */
    static final List<String> URC_KINDS = List.of("rdy", "cfun", "cpin", "call_ready", "sms_ready", "connect_ok",
            "connect_fail", "closed", "pdp_deact", "ring", "clip", "cmti", "cusd", "creg", "cgreg", "psuttz",
            "ctzv", "dst", "ciprxget", "remote_ip", "receive");
    /** Longer lines are never results or URCs we count; only their start is kept. */
    private static final int KEEP = 24;

    private final FleetMetrics metrics;
    private byte[] line;
    private int len;
    private boolean lastWasCr;
    /** When the pending command line ended (System.nanoTime), or 0 when none is pending. */
    private long pendingSince;

    SerialMeter(FleetMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void fromHost(byte[] bytes, int off, int len) {
        metrics.hostBytes.increment(len);
        for (int i = off; i < off + len; i++) {
            byte b = bytes[i];
            // CR ends a command line (LF alone too, as the modem accepts it); Ctrl-Z ends a payload.
            boolean end = b == '\r' || b == 0x1A || b == '\n' && !lastWasCr;
            lastWasCr = b == '\r';
            if (end && pendingSince == 0) {
                pendingSince = System.nanoTime();
            }
        }
    }

    @Override
    public void fromModem(byte[] bytes) {
        metrics.modemBytes.increment(bytes.length);
        for (byte b : bytes) {
            if (b == '\n') {
                lineEnded();
            } else if (b != '\r') {
                if (line == null) {
                    line = new byte[KEEP];
                }
                if (len < KEEP) {
                    line[len] = b;
                }
                len++;
            }
        }
        // The CIPSEND prompt is the command's answer, though no line end follows it.
        if (len == 2 && line[0] == '>' && line[1] == ' ') {
            finished(null);
        }
    }

    private void lineEnded() {
        if (len == 0 || len > KEEP) {
            len = 0;
            return;
        }
        String text = new String(line, 0, len, StandardCharsets.US_ASCII);
        len = 0;
        // While a command runs the modem holds its URCs back, so a line then is part of the answer.
        if (pendingSince != 0) {
            String result = resultKind(text);
            if (result != null) {
                finished(result.isEmpty() ? null : result);
            }
            return;
        }
        String urc = urcKind(text);
        if (urc != null) {
            metrics.urc(urc).increment();
        }
    }

    private void finished(String errorKind) {
        if (pendingSince == 0) {
            return;
        }
        metrics.commandLatency.record(System.nanoTime() - pendingSince, TimeUnit.NANOSECONDS);
        pendingSince = 0;
        if (errorKind != null) {
            metrics.error(errorKind).increment();
        }
    }

    /** "" for a success final result, the error kind for a failure, null for anything else. */
    static String resultKind(String line) {
        switch (line) {
            case "OK", "SHUT OK", "CLOSE OK", "SEND OK", "NO CARRIER", "0", "4":
                return line.equals("4") ? "error" : "";
            case "ERROR":
                return "error";
            case "SEND FAIL":
                return "send_fail";
            default:
                break;
        }
        if (line.startsWith("+CME ERROR:")) {
            return "cme_error";
        }
        if (line.startsWith("DATA ACCEPT:") || line.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return ""; // CIPQSEND's answer; CIFSR's bare address
        }
        return null;
    }

    /** The URC kind of a line, or null. Multi-link URCs ("2, CLOSED") count like single ones. */
    static String urcKind(String line) {
        String s = line.matches("\\d, .*") ? line.substring(3) : line;
        if (s.equals("RDY")) {
            return "rdy";
        } else if (s.equals("Call Ready")) {
            return "call_ready";
        } else if (s.equals("SMS Ready")) {
            return "sms_ready";
        } else if (s.equals("CONNECT OK")) {
            return "connect_ok";
        } else if (s.equals("CONNECT FAIL")) {
            return "connect_fail";
        } else if (s.equals("CLOSED")) {
            return "closed";
        } else if (s.equals("RING")) {
            return "ring";
        } else if (s.startsWith("+PDP: DEACT")) {
            return "pdp_deact";
        } else if (s.startsWith("DST:")) {
            return "dst";
        } else if (s.startsWith("*PSUTTZ")) {
            return "psuttz";
        } else if (s.startsWith("REMOTE IP:")) {
            return "remote_ip";
        } else if (s.startsWith("+RECEIVE")) {
            return "receive";
        }
        for (String kind : List.of("cfun", "cpin", "clip", "cmti", "cusd", "creg", "cgreg", "ctzv", "ciprxget")) {
            if (s.startsWith("+" + kind.toUpperCase(java.util.Locale.ROOT) + ":")) {
                return kind;
            }
        }
        return null;
    }
}
