package dev.sim800emu.cli.replay;

import java.io.IOException;

/**
 * Where {@code replay --as-modem} meets its host: a TCP listener (one host at a time, each
 * connection a host coming, its close the host leaving) or a pseudo-terminal (one host for the
 * whole play: a PTY does not tell when a program opens or closes it).
 */
interface HostSide extends AutoCloseable {

    /** Waits for the next host, {@code timeoutMillis} at most (0: as long as it takes); false if none came. */
    boolean awaitHost(int timeoutMillis) throws IOException;

    /** Bytes from the host: the count, 0 when nothing came for {@code timeoutMillis}, -1 when the host left. */
    int read(byte[] buf, int timeoutMillis) throws IOException;

    /** Modem bytes to the host. */
    void write(byte[] bytes) throws IOException;

    /** Whether a host leaving is seen ({@link #read} returning -1) and a new one can come. */
    boolean seesHostsLeave();

    @Override
    void close();
}
