package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmsError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.radio.MessageStore;
import dev.sim800emu.modem.radio.MessageStore.Message;
import dev.sim800emu.modem.radio.MessageStore.Status;
import dev.sim800emu.modem.radio.SmsSettings;
import java.util.List;

/**
 * Sending and writing messages (manual §4.2.5–4.2.7, reference §2.8–2.9): AT+CMGS and AT+CMGW
 * prompt with {@code \r\n> } and take the body up to Ctrl-Z; AT+CMSS sends a stored one. A send
 * goes to the network's record ({@code SentMessages}), which gives the message reference — or the
 * +CMS ERROR the control plane asked for.
 */
final class SmsSendCommands {
    /** Longest TPDU AT+CMGS=<length> takes (23.040: 164 octets with a 7-octet validity period). */
    private static final int MAX_TPDU = 164;
    private static final List<String> STORED = List.of("STO UNSENT", "STO SENT");

    private SmsSendCommands() {
    }

    static <H extends SmsHost> void register(CommandTable.Section<?, H> t) {
        t.command("+CMGS")
                .test((String) null)
                .write((modem, c, a) -> send(modem, c, a));
        t.command("+CMGW")
                .test((String) null)
                .exec((modem, c, a) -> write(modem, c, Args.none()))
                .write((modem, c, a) -> write(modem, c, a));
        t.command("+CMSS")
                .test((String) null)
                .write((modem, c, a) -> resend(modem, c, a));
    }

    private static SmsSettings s(SmsHost modem) {
        return modem.radio().sms();
    }

    /** The address typed in text mode, in the TE character set; null when it is not valid. */
    private static String address(SmsHost modem, Args a, int i) {
        String to = TeCharset.decode(a.string(i, 80), s(modem).charset);
        return to == null || to.isEmpty() || to.length() > 20 ? null : to;
    }

    private static Result send(SmsHost modem, CommandContext c, Args a) {
        a.expectCount(1, 2);
        Result gate = SmsStoreCommands.simGate(modem);
        if (gate != null) {
            return gate;
        }
        boolean text = s(modem).textMode;
        if (!text) {
            // A quoted address in PDU mode: +CMS ERROR: 325 (a SIM808 R14.18 did, reference §2.3).
            if (a.param(0).quoted()) {
                return Result.cms(CmsError.INVALID_INPUT_VALUE);
            }
            int length = a.expectCount(1, 1).integer(0, 1, MAX_TPDU);
            return prompt(modem, c, false, body -> {
                Pdu.Submit p = Pdu.parseSubmit(body.replace("\n", ""), length);
                return p == null ? Result.cms(CmsError.INVALID_PDU_MODE) : submit(modem, c, "+CMGS", p.to(), p.text());
            });
        }
        String to = address(modem, a, 0);
        if (to == null) {
            return Result.cms(CmsError.INVALID_INPUT_VALUE);
        }
        a.integer(1, 0, 255, 0);
        return prompt(modem, c, true, body -> {
            String msg = TeCharset.decode(body, s(modem).charset);
            return msg == null ? Result.cms(CmsError.INVALID_TEXT_MODE) : submit(modem, c, "+CMGS", to, msg);
        });
    }

    private static Result prompt(SmsHost modem, CommandContext c, boolean text,
                                 java.util.function.Function<String, Result> done) {
        c.out().prompt();
        modem.beginPayload(new SmsBody(c, text, done));
        return Result.PENDING;
    }

    /** Hands a message to the network: {@code +CMGS: <mr>} (or +CMSS), or the failure it got. */
    private static Result submit(SmsHost modem, CommandContext c, String prefix, String to, String text) {
        if (!modem.radio().registered()) {
            return Result.cms(CmsError.NO_NETWORK);
        }
        int mr = modem.radio().sent().submit(to, text, modem.now());
        if (mr < 0) {
            return Result.cms(-mr);
        }
        c.out().info(prefix + ": " + mr);
        return Result.OK;
    }

    private static Result write(SmsHost modem, CommandContext c, Args a) {
        Result gate = SmsStoreCommands.simGate(modem);
        if (gate != null) {
            return gate;
        }
        MessageStore store = modem.radio().storage(s(modem).mem[1]);
        if (!s(modem).textMode) {
            a.expectCount(1, 2);
            int length = a.integer(0, 1, MAX_TPDU);
            Status stat = Status.values()[a.integer(1, 0, 3, 2)];
            return prompt(modem, c, false, body -> {
                Pdu.Submit p = Pdu.parseSubmit(body.replace("\n", ""), length);
                return p == null ? Result.cms(CmsError.INVALID_PDU_MODE) : file(store, c, p.to(), p.text(), stat);
            });
        }
        String to = "";
        Status stat = Status.STO_UNSENT;
        if (a.size() > 0) {
            a.expectCount(1, 3);
            to = address(modem, a, 0);
            if (to == null) {
                return Result.cms(CmsError.INVALID_INPUT_VALUE);
            }
            a.integer(1, 0, 255, 0);
            if (a.has(2)) {
                int i = STORED.indexOf(a.string(2, 12));
                if (i < 0) {
                    return Result.ERROR;
                }
                stat = i == 0 ? Status.STO_UNSENT : Status.STO_SENT;
            }
        }
        String da = to;
        Status st = stat;
        return prompt(modem, c, true, body -> {
            String msg = TeCharset.decode(body, s(modem).charset);
            return msg == null ? Result.cms(CmsError.INVALID_TEXT_MODE) : file(store, c, da, msg, st);
        });
    }

    private static Result file(MessageStore store, CommandContext c, String to, String text, Status stat) {
        int index = store.file(to, text, null, stat);
        if (index == 0) {
            return Result.cms(CmsError.MEMORY_FULL);
        }
        c.out().info("+CMGW: " + index);
        return Result.OK;
    }

    private static Result resend(SmsHost modem, CommandContext c, Args a) {
        a.expectCount(1, 3);
        int index = a.integer(0, 0, 65535);
        Result gate = SmsStoreCommands.simGate(modem);
        if (gate != null) {
            return gate;
        }
        String to = null;
        if (a.has(1)) {
            to = address(modem, a, 1);
            if (to == null) {
                return Result.cms(CmsError.INVALID_INPUT_VALUE);
            }
            a.integer(2, 0, 255, 0);
        }
        MessageStore store = modem.radio().storage(s(modem).mem[1]);
        Message m = store.get(index);
        if (m == null || m.status() == Status.REC_UNREAD || m.status() == Status.REC_READ) {
            return Result.cms(CmsError.INVALID_MEMORY_INDEX);
        }
        String da = to != null ? to : m.from();
        if (da.isEmpty()) {
            return Result.cms(CmsError.INVALID_INPUT_VALUE);
        }
        Result r = submit(modem, c, "+CMSS", da, m.text());
        if (r == Result.OK) {
            store.put(m.withStatus(Status.STO_SENT));
        }
        return r;
    }
}
