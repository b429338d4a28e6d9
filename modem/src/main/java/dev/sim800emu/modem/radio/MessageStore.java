package dev.sim800emu.modem.radio;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The SIM's SMS storage ("SM"): received messages by index, from 1. It lives on the SIM, so it
 * survives power cycles. The control plane files incoming messages here; the SMS commands (issue
 * 12) read, list and delete them.
 */
public final class MessageStore {
    /** Slots on the SIM (reference §2.1 suggests 30). */
    public static final int CAPACITY = 30;

    /** Status values of +CMGR / +CMGL. */
    public enum Status {
        REC_UNREAD("REC UNREAD"), REC_READ("REC READ"), STO_UNSENT("STO UNSENT"), STO_SENT("STO SENT");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One stored message; {@code received} is the service centre time stamp. */
    public record Message(int index, String from, String text, ZonedDateTime received, Status status) {
        public Message withStatus(Status s) {
            return new Message(index, from, text, received, s);
        }
    }

    /** Made on first use: most modems never receive a message. */
    private Message[] slots;

    /** Files a received message in the lowest free slot; returns its index, or 0 when full. */
    public int receive(String from, String text, ZonedDateTime received) {
        if (slots == null) {
            slots = new Message[CAPACITY];
        }
        for (int i = 0; i < CAPACITY; i++) {
            if (slots[i] == null) {
                slots[i] = new Message(i + 1, from, text, received, Status.REC_UNREAD);
                return i + 1;
            }
        }
        return 0;
    }

    /** The message at {@code index}, or null for an empty or out-of-range slot. */
    public Message get(int index) {
        return slots == null || index < 1 || index > CAPACITY ? null : slots[index - 1];
    }

    public void put(Message m) {
        if (slots == null) {
            slots = new Message[CAPACITY];
        }
        slots[m.index() - 1] = m;
    }

    public boolean delete(int index) {
        if (get(index) == null) {
            return false;
        }
        slots[index - 1] = null;
        return true;
    }

    /** Every stored message, by index. */
    public List<Message> all() {
        List<Message> list = new ArrayList<>();
        for (int i = 0; slots != null && i < CAPACITY; i++) {
            if (slots[i] != null) {
                list.add(slots[i]);
            }
        }
        return list;
    }

    public int used() {
        return all().size();
    }
}
