package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.settings.Profile;
import dev.sim800emu.modem.sms.SmsHost;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/** What the identification, SIM, network and port commands ({@link GsmCommands}) work on. */
public interface GsmHost extends BearerHost, SmsHost {
    /** The active settings. */
    Profile settings();

    /** Emits an unsolicited result now, or queues it until the running line has finished. */
    void urc(Consumer<ResponseWriter> format);

    /** AT+CFUN=1,1: reboots once the line's final result has been printed. */
    void rebootAfterLine();

    /** AT+CPOWD: switches off once the line's final result has been printed. */
    void powerOffAfterLine();

    /**
     * The radio goes off (CFUN=0/4): a CIP context between IP START and IP STATUS is deactivated,
     * printing +PDP: DEACT into {@code out}.
     */
    void deactivateContext(ResponseWriter out);

    /** The network withdraws GPRS (CGATT=0): the CIP context and SAPBR bearers drop, with URCs. */
    void dropGprs();

    /** ATA: answers a ringing call; false when nothing rings. */
    boolean answerCall();

    /** ATH: ends a ringing or active call, if any. */
    void hangUpCall();

    /**
     * ATD…;: sets up a voice call to {@code number}. Returns null when the call is being set up
     * (the command answers OK), or the text that ends the command instead (NO DIALTONE).
     */
    String dial(String number);

    /** True while a call rings, alerts or is active. */
    boolean inCall();

    /** AT+CLCC's lines; empty without a call. */
    java.util.List<String> calls();

    /** AT+CPAS: 0 ready, 3 ringing, 4 call in progress. */
    int activity();

    /** The modem's real-time clock (AT+CCLK). */
    ZonedDateTime now();

    void setClock(ZonedDateTime time);
}
