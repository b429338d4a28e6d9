package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmsError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.radio.MessageStore;
import dev.sim800emu.modem.radio.MessageStore.Message;
import dev.sim800emu.modem.radio.MessageStore.Status;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.radio.SmsSettings;
import java.util.List;
import java.util.Locale;

/**
 * The message storages (manual §4.2.1–4.2.4, §4.2.9, §6.2.24): preferred storages (+CPMS), reading
 * (+CMGR), listing (+CMGL) and deleting (+CMGD, +CMGDA). mem1 is read, listed and deleted; reading
 * a "REC UNREAD" message makes it "REC READ" unless the mode says otherwise.
 */
final class SmsStoreCommands {
    private static final List<String> MEMORIES = List.of("SM", "ME", "SM_P", "ME_P", "MT");
    private static final String MEMORY_LIST = "(\"SM\",\"ME\",\"SM_P\",\"ME_P\",\"MT\")";
    /** AT+CMGL's text-mode names, in PDU order 0–4. */
    private static final List<String> LIST_STATS = List.of("REC UNREAD", "REC READ", "STO UNSENT", "STO SENT", "ALL");
    /** AT+CMGDA's text-mode names, in PDU order 1–6. */
    private static final List<String> DELETE_TYPES = List.of("DEL READ", "DEL UNREAD", "DEL SENT", "DEL UNSENT",
            "DEL INBOX", "DEL ALL");

    private SmsStoreCommands() {
    }

    /** +CMS ERROR 310/311 while the SIM is out or locked: its storage cannot be reached. */
    static Result simGate(SmsHost modem) {
        return switch (modem.radio().sim()) {
            case READY -> null;
            case PIN -> Result.cms(CmsError.SIM_PIN_REQUIRED);
            case NOT_READY -> Result.cms(CmsError.SIM_NOT_INSERTED);
        };
    }

    private static MessageStore mem(SmsHost modem, int which) {
        Radio r = modem.radio();
        return r.storage(r.sms().mem[which]);
    }

    static <H extends SmsHost> void register(CommandTable.Section<?, H> t) {
        t.command("+CPMS")
                .test("+CPMS: " + MEMORY_LIST + "," + MEMORY_LIST + "," + MEMORY_LIST)
                .read((modem, c, a) -> {
                    Result gate = simGate(modem);
                    if (gate != null) {
                        return gate;
                    }
                    StringBuilder b = new StringBuilder("+CPMS: ");
                    for (int i = 0; i < 3; i++) {
                        String name = modem.radio().sms().mem[i];
                        b.append(i == 0 ? "" : ",").append('"').append(name).append("\",").append(counts(modem, name));
                    }
                    return SmsCommands.info(c, b.toString());
                })
                .write((modem, c, a) -> {
                    a.expectCount(1, 3);
                    Result gate = simGate(modem);
                    if (gate != null) {
                        return gate;
                    }
                    String[] mem = modem.radio().sms().mem;
                    String[] next = mem.clone();
                    for (int i = 0; i < a.size(); i++) {
                        String name = a.string(i, 5).toUpperCase(Locale.ROOT);
                        // The received-message storage cannot be the phone's (an SIM800L refused "ME" there).
                        if (!MEMORIES.contains(name) || (i == 2 && name.startsWith("ME"))) {
                            return Result.cms(CmsError.OPERATION_NOT_ALLOWED);
                        }
                        next[i] = name;
                    }
                    System.arraycopy(next, 0, mem, 0, 3);
                    return SmsCommands.info(c, "+CPMS: " + counts(modem, mem[0]) + "," + counts(modem, mem[1]) + ","
                            + counts(modem, mem[2]));
                });
        t.command("+CMGR")
                .test((String) null)
                .write((modem, c, a) -> read(modem, c, a));
        t.command("+CMGL")
                .test((modem, c, a) -> SmsCommands.info(c, modem.radio().sms().textMode
                        ? "+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\")" : "+CMGL: (0-4)"))
                .exec((modem, c, a) -> list(modem, c, 0, false))
                .write((modem, c, a) -> {
                    a.expectCount(1, 2);
                    int stat = listStat(modem.radio().sms(), a.param(0));
                    if (stat < 0) {
                        return Result.ERROR;
                    }
                    return list(modem, c, stat, a.integer(1, 0, 1, 0) == 1);
                });
        t.command("+CMGD")
                .test((modem, c, a) -> {
                    StringBuilder used = new StringBuilder();
                    for (Message m : mem(modem, 0).all()) {
                        used.append(used.length() == 0 ? "" : ",").append(m.index());
                    }
                    return SmsCommands.info(c, "+CMGD: (" + used + "),(0-4)");
                })
                .write((modem, c, a) -> delete(modem, a));
        t.command("+CMGDA")
                .test((modem, c, a) -> SmsCommands.info(c, modem.radio().sms().textMode
                        ? "+CMGDA: (\"DEL READ\",\"DEL UNREAD\",\"DEL SENT\",\"DEL UNSENT\",\"DEL INBOX\",\"DEL ALL\")"
                        : "+CMGDA: (1-6)"))
                .write((modem, c, a) -> {
                    Args.Param p = a.expectCount(1, 1).param(0);
                    int type = modem.radio().sms().textMode
                            ? (p.quoted() ? DELETE_TYPES.indexOf(p.text().toUpperCase(Locale.ROOT)) + 1 : 0)
                            : Args.parseInt(p.text(), 1, 6);
                    if (type == 0) {
                        return Result.ERROR;
                    }
                    Result gate = simGate(modem);
                    if (gate != null) {
                        return gate;
                    }
                    MessageStore store = mem(modem, 0);
                    for (Message m : store.all()) {
                        if (deletedBy(type, m.status())) {
                            store.delete(m.index());
                        }
                    }
                    return Result.OK;
                });
    }

    /** {@code <used>,<total>} of a storage; "MT" is the SIM and the phone together. */
    private static String counts(SmsHost modem, String name) {
        Radio r = modem.radio();
        if (name.equals("MT")) {
            return (r.messages().used() + r.phoneMessages().used()) + ","
                    + (r.messages().capacity() + r.phoneMessages().capacity());
        }
        MessageStore s = r.storage(name);
        return s.used() + "," + s.capacity();
    }

    private static Result read(SmsHost modem, CommandContext c, Args a) {
        a.expectCount(1, 2);
        int index = a.integer(0, 0, 65535);
        boolean keepStatus = a.integer(1, 0, 1, 0) == 1;
        Result gate = simGate(modem);
        if (gate != null) {
            return gate;
        }
        if (index == 0) {
            return Result.cms(CmsError.INVALID_MEMORY_INDEX);
        }
        MessageStore store = mem(modem, 0);
        Message m = store.get(index);
        // An empty slot, or one beyond the storage, answers a bare OK (a SIM808 did; gsmHat relies on it).
        if (m != null) {
            c.out().info(SmsFormat.read(m, modem.radio().sms()));
            if (!keepStatus && m.status() == Status.REC_UNREAD) {
                store.put(m.withStatus(Status.REC_READ));
            }
        }
        return Result.OK;
    }

    /** The stat AT+CMGL asks for, 0–4 (4 = all); -1 when it is not valid in the current mode. */
    private static int listStat(SmsSettings s, Args.Param p) {
        if (s.textMode) {
            // Text mode wants the quoted upper-case names: AT+CMGL=ALL is ERROR on a SIM808.
            return p.quoted() ? LIST_STATS.indexOf(p.text()) : -1;
        }
        return p.quoted() ? -1 : Args.parseInt(p.text(), 0, 4);
    }

    private static Result list(SmsHost modem, CommandContext c, int stat, boolean keepStatus) {
        Result gate = simGate(modem);
        if (gate != null) {
            return gate;
        }
        MessageStore store = mem(modem, 0);
        for (Message m : store.all()) {
            if (stat == 4 || m.status().ordinal() == stat) {
                c.out().info(SmsFormat.listed(m, modem.radio().sms()));
                if (!keepStatus && m.status() == Status.REC_UNREAD) {
                    store.put(m.withStatus(Status.REC_READ));
                }
            }
        }
        return Result.OK;
    }

    private static Result delete(SmsHost modem, Args a) {
        a.expectCount(1, 2);
        int index = a.integer(0, 0, 65535);
        int flag = a.integer(1, 0, 4, 0);
        Result gate = simGate(modem);
        if (gate != null) {
            return gate;
        }
        MessageStore store = mem(modem, 0);
        if (flag == 0) {
            if (index < 1 || index > store.capacity()) {
                return Result.cms(CmsError.INVALID_MEMORY_INDEX);
            }
            // An empty slot deletes silently.
            store.delete(index);
            return Result.OK;
        }
        for (Message m : store.all()) {
            Status st = m.status();
            boolean gone = switch (flag) {
                case 1 -> st == Status.REC_READ;
                case 2 -> st == Status.REC_READ || st == Status.STO_SENT;
                case 3 -> st != Status.REC_UNREAD;
                default -> true;
            };
            if (gone) {
                store.delete(m.index());
            }
        }
        return Result.OK;
    }

    /** AT+CMGDA types 1–6: read, unread, sent, unsent, inbox (read and unread), all. */
    private static boolean deletedBy(int type, Status st) {
        return switch (type) {
            case 1 -> st == Status.REC_READ;
            case 2 -> st == Status.REC_UNREAD;
            case 3 -> st == Status.STO_SENT;
            case 4 -> st == Status.STO_UNSENT;
            case 5 -> st == Status.REC_READ || st == Status.REC_UNREAD;
            default -> true;
        };
    }
}
