package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.at.ResultCode;
import dev.sim800emu.modem.radio.Radio;

/**
 * Incoming calls and USSD (manual §2.2.2, §2.2.8, §3.2.18, §3.2.53): ATA answers a ringing call,
 * ATH ends any call, AT+CLIP adds the caller's number after each RING, AT+CUSD turns the
 * presentation of USSD answers on and sends a request. Calls arrive, and USSD answers come back,
 * through the control plane or, for the codes in the configured table, at once. Dialling is in
 * {@link DialCommands}.
 */
final class CallCommands {
    private CallCommands() {
    }

    static void register(CommandTable.Section<?, GsmHost> t) {
        t.command("A").exec((modem, c, a) -> {
            if (modem.answerCall()) {
                return Result.OK;
            }
            c.out().result(ResultCode.NO_CARRIER); // manual §2.2.2: no call to answer
            return Result.DONE;
        });
        t.command("H")
                .exec((modem, c, a) -> hangUp(modem, 0))
                .write((modem, c, a) -> hangUp(modem, Args.parseInt(a.param(0).text(), 0, 999)));
        t.command("+CLIP")
                .test("+CLIP: (0,1)")
                .read((modem, c, a) -> {
                    // <m> 1: the network provides the caller's number.
                    c.out().info("+CLIP: " + modem.radio().clip + ",1");
                    return Result.OK;
                })
                .write((modem, c, a) -> {
                    modem.radio().clip = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                });
        t.command("+CUSD")
                .test("+CUSD: (0-2)")
                .read((modem, c, a) -> {
                    c.out().info("+CUSD: " + modem.radio().cusd);
                    return Result.OK;
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, 3);
                    int n = a.integer(0, 0, 2);
                    String request = a.string(1, 160, "");
                    a.integer(2, 0, 255, 15);
                    Radio radio = modem.radio();
                    if (!request.isEmpty() && n != 2 && !radio.registered()) {
                        return Result.cme(CmeError.NO_NETWORK_SERVICE);
                    }
                    if (n != 2) {
                        radio.cusd = n;
                    }
                    // The configured table answers known codes; the others wait for the control
                    // plane (ctl ussd TEXT). The answer is a URC, after the OK.
                    String reply = modem.config().ussdReplies().get(request);
                    if (reply != null && n == 1) {
                        modem.urc(w -> w.text("+CUSD: 0, \"" + reply + "\", 15"));
                    }
                    return Result.OK;
                });
    }

    /** ATH, ATH0: ends a ringing or active call; OK either way (manual §2.2.8). */
    private static Result hangUp(GsmHost modem, int n) {
        if (n != 0) {
            return Result.ERROR;
        }
        modem.hangUpCall();
        return Result.OK;
    }
}
