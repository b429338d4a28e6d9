package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.SerialOutput;
import java.io.IOException;

/**
 * What the program on a {@link PtyEndpoint} talks to when it is not a virtual modem: anything that
 * plays a modem's side of a serial line (a replay of a recording). The PTY is read by a thread of
 * its own then ({@link PtyReaderThread}), with no flow control.
 */
public interface PtyPeer {

    /** Bytes the program typed, on the PTY's reader thread; the array is the peer's. */
    void input(byte[] bytes);

    /**
     * The PTY is open: from now on the peer's output goes to {@code toProgram}, which never blocks.
     * Returns what to do when the PTY closes.
     */
    Runnable attach(SerialOutput toProgram) throws IOException;
}
