package dev.sim800emu.modem.radio;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMS storage: the SIM's ("SM") or the phone's ("ME"), messages by index from 1. Both keep
 * their contents across power cycles (SIM and flash). The control plane files incoming messages
 * here; the SMS commands read, list, write and delete them.
 */
public final class MessageStore {
    /** Slots on the SIM (reference §2.1 suggests 30). */
    public static final int CAPACITY = 30;
    /** Slots in the phone's memory (an SIM800L reported "ME",0,50). */
    public static final int ME_CAPACITY = 50;

    private final String name;
    private final int capacity;

    /** The SIM's storage, "SM". */
    public MessageStore() {
        this("SM", CAPACITY);
    }

    public MessageStore(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    /** "SM" or "ME", as +CPMS and +CMTI name it. */
    public String name() {
        return name;
    }

    public int capacity() {
        return capacity;
    }

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

    /**
     * One stored message; {@code from} is the originator of a received message and the
     * destination of a stored one, {@code received} the service centre time stamp (null for
     * messages the host wrote).
     */
    public record Message(int index, String from, String text, ZonedDateTime received, Status status) {
        public Message withStatus(Status s) {
            return new Message(index, from, text, received, s);
        }
    }

    /** Made on first use: most modems never receive a message. */
    private Message[] slots;

    /** Files a received message in the lowest free slot; returns its index, or 0 when full. */
    public int receive(String from, String text, ZonedDateTime received) {
        return file(from, text, received, Status.REC_UNREAD);
    }

    /** Files a message in the lowest free slot with {@code status}; its index, or 0 when full. */
    public int file(String address, String text, ZonedDateTime received, Status status) {
        if (slots == null) {
            slots = new Message[capacity];
        }
        for (int i = 0; i < capacity; i++) {
            if (slots[i] == null) {
                slots[i] = new Message(i + 1, address, text, received, status);
                return i + 1;
            }
        }
        return 0;
    }

    /** The message at {@code index}, or null for an empty or out-of-range slot. */
    public Message get(int index) {
        return slots == null || index < 1 || index > capacity ? null : slots[index - 1];
    }

    public void put(Message m) {
        if (slots == null) {
            slots = new Message[capacity];
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
        for (int i = 0; slots != null && i < capacity; i++) {
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
