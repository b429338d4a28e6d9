package dev.sim800emu.modem.serial;

/**
 * What reads a PTY master for {@link PtyEndpoint}, and drains the output backlog when the terminal
 * has room again: {@link PtyLoopReader} on the modem's own epoll event loop, or
 * {@link PtyReaderThread}, a thread of its own, where the loop is not epoll.
 */
interface PtyReader {

    /** Starts reading. Called on the modem's event loop, before the PTY joins the modem's line. */
    void start() throws Exception;

    /**
     * The modem takes input (true) or its input buffers are full: then the master is not read, so
     * that what the program types waits in the terminal and, once that is full, its writes block —
     * the PTY's flow control. Called on the modem's event loop.
     */
    void inputReady(boolean ready);

    /** Stops reading, for good. Called on the modem's event loop (if it still runs). */
    void stop();

    /**
     * Waits until nothing polls, reads or writes the descriptors any more. Called off the loop, after
     * {@link #stop} or once the loop is gone.
     */
    void awaitStopped();
}
