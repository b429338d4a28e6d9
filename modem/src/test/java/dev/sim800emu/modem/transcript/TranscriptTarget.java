package dev.sim800emu.modem.transcript;

/** Something a transcript can be played against: the bare engine, or the emulator over TCP. */
public interface TranscriptTarget extends AutoCloseable {

    /** Host bytes, written as given (one write per call). */
    void send(byte[] bytes) throws Exception;

    /** Returns exactly {@code n} further bytes of modem output, failing after a bounded wait. */
    byte[] read(int n) throws Exception;

    /** Whatever else the modem printed, after a short settle. */
    byte[] rest() throws Exception;

    /** Plays the far end: send, expect, close on the TCP or UDP peer; or lets time pass. */
    void act(Transcript.Action action) throws Exception;
}
