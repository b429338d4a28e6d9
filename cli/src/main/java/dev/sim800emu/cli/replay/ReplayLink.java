package dev.sim800emu.cli.replay;

import java.io.IOException;

/**
 * Where {@code replay --as-host} sends the host's side: an in-process emulator, a TCP or RFC 2217
 * serial line or a serial port. Bytes the modem sends (and its lines, where the link reports them)
 * go to the {@link Received} the link was made with. A link is made unconnected: the replay
 * connects it at the start, or where the recording has a host connect, and again after each
 * disconnect the recording has.
 */
interface ReplayLink extends AutoCloseable {

    /** A host comes onto the line: opens the connection (again). */
    void connect() throws IOException;

    /** The host leaves: closes the connection; {@code powerOff}, the recorded modem lost power with it. */
    void disconnect(boolean powerOff);

    /** Whether the modem's output lines come to {@link Received#lines}, so they can be compared. */
    default boolean reportsLines() {
        return false;
    }

    void send(byte[] bytes) throws IOException;

    /** Sets DTR (or RTS when {@code rts}); false when this link carries no control lines. */
    boolean control(boolean rts, boolean asserted);

    /** For messages: {@code in-process emulator}, {@code tcp://127.0.0.1:7000}, {@code /dev/ttyUSB0}. */
    String describe();

    @Override
    void close();

    /** Closes a link's connection and waits (up to 2 s) for its reader thread to see the end. */
    static void closeAndJoin(java.io.Closeable connection, Thread reader) {
        try {
            connection.close();
            reader.join(2000);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
