package dev.sim800emu.modem.control;

import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.net.DnsFault;
import dev.sim800emu.modem.net.LinkConditions;
import dev.sim800emu.modem.net.LinkFault;
import dev.sim800emu.modem.radio.Registration;
import java.time.ZonedDateTime;

/**
 * One thing the control plane does to a modem: a radio or network event, a fault, a change of
 * network conditions. The HTTP API, the {@code ctl} verbs, scenario files and the Java API all
 * build these records, and {@link ControlTarget#apply} is the one place that carries them out, on
 * the modem's own thread. The vocabulary follows the Android emulator console where it fits
 * ({@code gsm signal}, {@code gsm data}, {@code network speed}, {@code network delay}).
 */
public sealed interface ControlCommand {

    /** The verb as the CLI and the HTTP API spell it ({@code signal}, {@code pdp-deact} …). */
    String verb();

    /**
     * The timing adversary on (with its seed and bounds) or off ({@code timing} null): the modem
     * answers at the worst legal moment ({@code --stress-timing}).
     */
    record Stress(StressTiming timing) implements ControlCommand {
        public String verb() {
            return "stress";
        }
    }

    /** Signal quality as AT+CSQ reports it: rssi 0–31 or 99 (unknown), ber 0–7 or 99. */
    record Signal(int rssi, int ber) implements ControlCommand {
        public String verb() {
            return "signal";
        }
    }

    /** Registration on the network changes: +CREG / +CGREG URCs per their modes. */
    record Register(Registration state) implements ControlCommand {
        public String verb() {
            return "register";
        }
    }

    /** The network detaches the modem from GPRS: contexts drop (+PDP: DEACT), CGATT reads 0. */
    record Detach() implements ControlCommand {
        public String verb() {
            return "detach";
        }
    }

    /** The network deactivates the PDP context: +PDP: DEACT, links closed, SAPBR bearers closed. */
    record PdpDeact() implements ControlCommand {
        public String verb() {
            return "pdp-deact";
        }
    }

    /** The SIM is pulled out ({@code inserted} false) or put back. */
    record Sim(boolean inserted) implements ControlCommand {
        public String verb() {
            return "sim";
        }
    }

    /** A brown-out: the chip restarts and prints its boot URCs. */
    record Reboot() implements ControlCommand {
        public String verb() {
            return "reboot";
        }
    }

    /** Network time (NITZ): *PSUTTZ, +CTZV and DST: with AT+CLTS=1; the RTC is set. */
    record NetworkTime(ZonedDateTime time, int dst) implements ControlCommand {
        public String verb() {
            return "time";
        }
    }

    /** An incoming voice call from {@code from}: RING (and +CLIP with AT+CLIP=1) until hangup. */
    record Call(String from) implements ControlCommand {
        public String verb() {
            return "call";
        }
    }

    /** The caller hangs up: NO CARRIER. */
    record Hangup() implements ControlCommand {
        public String verb() {
            return "hangup";
        }
    }

    /** An incoming SMS: stored, +CMTI: "SM",index. */
    record Sms(String from, String text) implements ControlCommand {
        public String verb() {
            return "sms";
        }
    }

    /** A USSD answer from the network: +CUSD: 0, "text", 15. */
    record Ussd(String text) implements ControlCommand {
        public String verb() {
            return "ussd";
        }
    }

    /**
     * The host's next SMS sends (AT+CMGS, AT+CMSS) fail with {@code +CMS ERROR: <error>}: the next
     * {@code count}, or every one while {@code count} is 0; error 0 lets them through again.
     */
    record SmsFail(int error, int count) implements ControlCommand {
        public String verb() {
            return "sms-fail";
        }
    }

    /**
     * What the far end does with the host's next voice calls (ATD…;), {@code afterMillis} after the
     * dial: answers (the call connects), BUSY, NO ANSWER or NO CARRIER. Default: answer after 2 s.
     */
    record Dial(dev.sim800emu.modem.radio.DialOutcome.Kind outcome, long afterMillis) implements ControlCommand {
        public String verb() {
            return "dial";
        }
    }

    /** Where the network's location service places the modem from now on (AT+CIPGSMLOC, AT+CLBS). */
    record Location(dev.sim800emu.modem.config.CellLocation location) implements ControlCommand {
        public String verb() {
            return "location";
        }
    }

    /** New network conditions for every link of the modem (rate, latency, jitter, loss). */
    record Network(LinkConditions conditions) implements ControlCommand {
        public String verb() {
            return "network";
        }
    }

    /** A fault on link {@code id} (0–5): reset, blackhole, or back to normal. */
    record Link(int id, LinkFault fault) implements ControlCommand {
        public String verb() {
            return "link";
        }
    }

    /** A latency spike: {@code extraMillis} more round trip for {@code forMillis}. */
    record LatencySpike(int extraMillis, long forMillis) implements ControlCommand {
        public String verb() {
            return "spike";
        }
    }

    /** Name lookups fail, answer after {@code delayMillis}, or are back to normal. */
    record Dns(DnsFault fault, long delayMillis) implements ControlCommand {
        public String verb() {
            return "dns";
        }
    }

    /** New connections are refused (CONNECT FAIL) while {@code refuse}. */
    record RefuseConnections(boolean refuse) implements ControlCommand {
        public String verb() {
            return "refuse";
        }
    }
}
