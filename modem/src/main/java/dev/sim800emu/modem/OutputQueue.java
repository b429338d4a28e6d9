package dev.sim800emu.modem;

import dev.sim800emu.modem.at.ByteSink;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Everything on its way to the host, in order: the output buffer responses are formatted into,
 * URCs queued while a line runs, and output held while the host cannot take it (RTS off with
 * AT+IFC=2,x, or the endpoint's socket full). Bytes only ever leave in the order they were
 * produced, whenever they are flushed.
 */
final class OutputQueue {
    /** Held output beyond this back-pressures the links. */
    private static final int HELD_LIMIT = 64 * 1024;
    private static final SerialOutput NOWHERE = bytes -> { };

    private final ByteSink out = new ByteSink(0);
    /** Allocated the first time output is held: most modems never need it. */
    private ByteSink held;
    /** URCs that happened while a line ran; null while there are none. */
    private ArrayDeque<byte[]> urcs;
    private SerialOutput serial = NOWHERE;
    private boolean hostWritable = true;
    private final BooleanSupplier rtsHold;
    private final Backpressure backpressure;

    /** Told when held output passes the limit and when it is gone. */
    interface Backpressure {
        void hostBackpressure(boolean pause);
    }

    OutputQueue(BooleanSupplier rtsHold, Backpressure backpressure) {
        this.rtsHold = rtsHold;
        this.backpressure = backpressure;
    }

    /** Where responses are formatted. */
    ByteSink sink() {
        return out;
    }

    void attach(SerialOutput output) {
        this.serial = output;
    }

    /** Returns true when the state changed. */
    boolean hostWritable(boolean writable) {
        if (hostWritable == writable) {
            return false;
        }
        hostWritable = writable;
        return true;
    }

    void queueUrc(byte[] formatted) {
        if (urcs == null) {
            urcs = new ArrayDeque<>(4);
        }
        urcs.add(formatted);
    }

    /** Moves queued URCs behind what is already in the buffer, in the order they happened. */
    void releaseUrcs() {
        if (urcs == null) {
            return;
        }
        while (!urcs.isEmpty()) {
            out.write(urcs.poll());
        }
        urcs = null;
    }

    /** Raw bytes in data mode: straight to the host when nothing is waiting ahead of them. */
    void writeData(byte[] bytes) {
        if (out.isEmpty() && heldEmpty() && !held()) {
            serial.write(bytes); // the common case in data mode: no copy through the output buffer
            return;
        }
        out.write(bytes);
        flush();
    }

    /** Peer bytes in data mode, passed on without a copy when nothing waits ahead of them. */
    void writeData(dev.sim800emu.modem.net.Payload data) {
        if (out.isEmpty() && heldEmpty() && !held()) {
            serial.write(data);
            return;
        }
        writeData(data.toArray());
    }

    /**
     * Sends pending output, unless the host holds it back. Held output waits in order; while it
     * waits, the links stop being read (the peers are back-pressured) so that it cannot grow
     * without bound.
     */
    void flush() {
        if (out.isEmpty() && heldEmpty()) {
            return;
        }
        if (held()) {
            if (!out.isEmpty()) {
                if (held == null) {
                    held = new ByteSink(0);
                }
                held.write(out.drain());
            }
            backpressure.hostBackpressure(held.size() > HELD_LIMIT);
            return;
        }
        if (!heldEmpty()) {
            serial.write(held.drain());
            held = null;
            backpressure.hostBackpressure(false);
        }
        if (!out.isEmpty()) {
            serial.write(out.drain());
        }
    }

    /** More is held for the host than the links may add to: they must stop being read. */
    boolean heldOverLimit() {
        return held != null && held.size() > HELD_LIMIT;
    }

    /** Power loss: what was held for the host is gone. */
    void dropHeld() {
        held = null;
    }

    /** Power loss: queued URCs and unsent output are gone. */
    void clear() {
        urcs = null;
        out.drain();
    }

    private boolean heldEmpty() {
        return held == null || held.isEmpty();
    }

    private boolean held() {
        return rtsHold.getAsBoolean() || !hostWritable;
    }
}
