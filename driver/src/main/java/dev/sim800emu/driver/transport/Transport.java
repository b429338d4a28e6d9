package dev.sim800emu.driver.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte pipe to a modem's serial line: a serial port, a TCP socket, a pseudo-terminal, or an
 * in-process emulator. The driver reads {@link #input()} from one thread and writes
 * {@link #output()} from the threads that send commands (one at a time).
 *
 * <p>{@link #close()} must make a blocked {@code read} on the input return or throw, so that the
 * driver's reader thread ends.
 */
public interface Transport extends Closeable {

    /** Bytes from the modem; {@code read} blocks until some arrive, and returns -1 at the end. */
    InputStream input() throws IOException;

    /** Bytes to the modem. */
    OutputStream output() throws IOException;

    /** For messages: where this transport leads ({@code tcp://127.0.0.1:5000}, {@code /dev/ttyUSB0}). */
    String describe();

    @Override
    void close() throws IOException;
}
