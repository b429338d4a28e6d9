package dev.sim800emu.cli.replay;

import java.io.IOException;

/**
 * Where {@code replay --as-host} sends the host's side: an in-process emulator, a TCP serial line or
 * a serial port. Bytes the modem sends go to the {@link Received} the link was opened with.
 */
interface ReplayLink extends AutoCloseable {

    void send(byte[] bytes) throws IOException;

    /** Sets DTR (or RTS when {@code rts}); false when this link carries no control lines. */
    boolean control(boolean rts, boolean asserted);

    /** For messages: {@code in-process emulator}, {@code tcp://127.0.0.1:7000}, {@code /dev/ttyUSB0}. */
    String describe();

    @Override
    void close();
}
