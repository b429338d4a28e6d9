package dev.sim800emu.modem.command;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.at.ResultCode;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * Outgoing calls and the call commands around them (manual §2.2.3, §3.2.16–23, §3.2.36–37,
 * §6.2.14, §6.2.29, §6.2.44; reference §3): ATD…; answers OK and the far end's answer comes later
 * as the control plane says; AT+CLCC lists the call, AT+CPAS tells what the modem is doing, AT+VTS
 * sends tones during a call. ATA, ATH, +CLIP and +CUSD are in {@link CallCommands}.
 */
final class DialCommands {
    /** The characters of a dial string (manual §2.2.3); modifiers {@code , T P ! W @} are ignored. */
    private static final String DIGITS = "0123456789*#+ABCabc";
    private static final String MODIFIERS = ",TtPp!Ww@IiGg";
    /** Longest dial string (CME 26 "dial string too long" above it). */
    private static final int MAX_NUMBER = 40;

    private DialCommands() {
    }

    static void register(CommandTable.Section<?, GsmHost> t) {
        t.command("D").write((modem, c, a) -> dial(modem, c, a));
        t.command("+CLCC")
                .test("+CLCC: (0,1)")
                .read((modem, c, a) -> info(c, "+CLCC: " + modem.radio().clcc))
                .write((modem, c, a) -> {
                    modem.radio().clcc = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                })
                .exec((modem, c, a) -> {
                    List<String> lines = modem.calls();
                    if (!lines.isEmpty()) {
                        c.out().info(lines.toArray(new String[0]));
                    }
                    return Result.OK;
                });
        t.command("+CPAS")
                .test("+CPAS: (0-5)")
                .exec((modem, c, a) -> info(c, "+CPAS: " + modem.activity()));
        // AT+CHUP and AT+HVOIC end the voice call like ATH (gsmHat sends CHUP, reference §3.3).
        t.command("+CHUP").test((String) null).exec((modem, c, a) -> {
            modem.hangUpCall();
            return Result.OK;
        });
        t.command("+HVOIC").exec((modem, c, a) -> {
            modem.hangUpCall();
            return Result.OK;
        });
        t.command("+VTS")
                .test("+VTS: (0-9,*,#,A,B,C,D),(1-255)")
                .write((modem, c, a) -> {
                    if (!tones(a)) {
                        return Result.ERROR;
                    }
                    // Tones go into a call only (reference §3.7: CME 3 otherwise).
                    return modem.inCall() ? Result.OK : Result.notAllowed();
                });
        flag(t, "+CVHU", "+CVHU: (0,1)", 1, (m, v) -> m.radio().cvhu = v, m -> m.radio().cvhu);
        flag(t, "+MORING", "+MORING: (0,1)", 1, (m, v) -> m.radio().moring = v, m -> m.radio().moring);
        flag(t, "+CRC", "+CRC: (0,1)", 1, (m, v) -> m.radio().crc = v, m -> m.radio().crc);
        flag(t, "+CDRIND", "+CDRIND: (0,1)", 1, (m, v) -> m.radio().cdrind = v, m -> m.radio().cdrind);
        flag(t, "+GSMBUSY", "+GSMBUSY: (0-2)", 2, (m, v) -> m.radio().gsmbusy = v, m -> m.radio().gsmbusy);
        t.command("+COLP")
                .test("+COLP: (0,1)")
                .read((modem, c, a) -> info(c, "+COLP: " + modem.radio().colp + ",1"))
                .write((modem, c, a) -> {
                    modem.radio().colp = a.expectCount(1, 1).integer(0, 0, 1);
                    return Result.OK;
                });
        t.command("+CLIR")
                .test("+CLIR: (0-2)")
                .read((modem, c, a) -> info(c, "+CLIR: 0,4"))
                .write((modem, c, a) -> {
                    a.expectCount(1, 1).integer(0, 0, 2);
                    return Result.OK;
                });
        t.command("+CHLD")
                .test("+CHLD: (0,1,1x,2,2x,3,4)")
                .write((modem, c, a) -> {
                    String n = a.expectCount(1, 1).string(0, 2);
                    if (!n.matches("[0-4]|[12][1-7]")) {
                        return Result.ERROR;
                    }
                    // 0 rejects a ringing call, 1 and 11 release the call (27.007 §7.13); with the one
                    // call the modem can have, the others change nothing.
                    if (n.equals("0") || n.equals("1") || n.equals("11")) {
                        modem.hangUpCall();
                    }
                    return Result.OK;
                });
        t.command("+CEER")
                .test("+CEER: (0,1)")
                .exec((modem, c, a) -> info(c, "+CEER: normal call clearing"))
                .write((modem, c, a) -> {
                    int mode = a.expectCount(1, 1).integer(0, 0, 1);
                    return info(c, mode == 1 ? "+CEER: Cause:16" : "+CEER: normal call clearing");
                });
    }

    /**
     * ATD<number>; dials a voice call: OK at once (COLP=0), the outcome later. Without the ';' it
     * would be a data call (CSD, or PPP with *99#), which the emulator has not: NO CARRIER.
     * ATDL redials; phonebook dialling (ATD>…) finds no entry (CME 22).
     */
    private static Result dial(GsmHost modem, CommandContext c, Args a) {
        String raw = a.size() == 0 ? "" : String.join(",", params(a)).strip();
        if (raw.startsWith(">")) {
            return Result.cme(22);
        }
        boolean voice = raw.endsWith(";");
        String body = voice ? raw.substring(0, raw.length() - 1) : raw;
        if (body.equalsIgnoreCase("L")) {
            body = modem.radio().lastDialed;
        }
        StringBuilder number = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (DIGITS.indexOf(ch) >= 0) {
                number.append(ch);
            } else if (MODIFIERS.indexOf(ch) < 0 && ch != ' ') {
                return Result.cme(27);
            }
        }
        if (number.length() == 0) {
            return Result.ERROR;
        }
        if (number.length() > MAX_NUMBER) {
            return Result.cme(26);
        }
        if (!voice) {
            c.out().result(ResultCode.NO_CARRIER);
            return Result.DONE;
        }
        if (modem.inCall()) {
            return Result.notAllowed();
        }
        String refused = modem.dial(number.toString());
        if (refused != null) {
            c.out().result(ResultCode.NO_DIALTONE);
            return Result.DONE;
        }
        return Result.OK;
    }

    /** The write form's text as typed (quotes of a quoted parameter dropped). */
    private static List<String> params(Args a) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.param(i).text());
        }
        return out;
    }

    /** AT+VTS: one tone (unquoted) or a quoted list of tones and {tone,duration} pairs. */
    private static boolean tones(Args a) {
        if (a.size() < 1) {
            return false;
        }
        StringBuilder all = new StringBuilder();
        for (String p : params(a)) {
            all.append(p).append(',');
        }
        String s = all.toString().replace("{", "").replace("}", "");
        for (String item : s.split(",")) {
            String v = item.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (v.length() == 1 && "0123456789*#ABCDabcd".indexOf(v.charAt(0)) >= 0) {
                continue;
            }
            Args.parseInt(v, 1, 255);
        }
        return true;
    }

    /** A stored flag with test, read and write forms. */
    private static void flag(CommandTable.Section<?, GsmHost> t, String name, String test, int max,
                             ObjIntConsumer<GsmHost> set, ToIntFunction<GsmHost> get) {
        t.command(name)
                .test(test)
                .read((modem, c, a) -> info(c, name + ": " + get.applyAsInt(modem)))
                .write((modem, c, a) -> {
                    set.accept(modem, a.expectCount(1, 1).integer(0, 0, max));
                    return Result.OK;
                });
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }


}
