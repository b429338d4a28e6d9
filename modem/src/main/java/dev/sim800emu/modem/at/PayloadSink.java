package dev.sim800emu.modem.at;

/**
 * Receives the data typed after a {@code > } prompt. While one is installed the engine does not
 * parse commands: every byte is payload until the length is reached, Ctrl-Z (0x1A) ends it, or
 * ESC (0x1B) cancels it (the last two only when no fixed length was given).
 */
public interface PayloadSink {

    /** The exact number of bytes expected, or -1 when Ctrl-Z ends the payload. */
    int fixedLength();

    /** Most bytes a Ctrl-Z payload may hold; one more is an overflow. */
    int maxLength();

    void onPayload(byte[] data);

    /**
     * What the modem prints after taking byte {@code b} of the payload (after its echo), or null:
     * SMS text mode answers each CR with a new prompt. Asked only of Ctrl-Z payloads
     * ({@link #fixedLength} -1): a fixed-length payload is taken in runs, not byte by byte.
     */
    default byte[] afterByte(int b) {
        return null;
    }

    void onCancel();

    void onOverflow();

    /**
     * A payload of exactly {@code length} bytes, or whatever arrived when the command's time limit
     * ends it early; a cancel or an overflow (which a fixed length cannot have) hands over nothing.
     * The data commands use it: HTTPDATA, FSWRITE, FTPPUT=2, FTPEXTPUT=2.
     */
    static PayloadSink fixed(int length, java.util.function.Consumer<byte[]> onPayload) {
        return new PayloadSink() {
            @Override
            public int fixedLength() {
                return length;
            }

            @Override
            public int maxLength() {
                return length;
            }

            @Override
            public void onPayload(byte[] data) {
                onPayload.accept(data);
            }

            @Override
            public void onCancel() {
                onPayload.accept(new byte[0]);
            }

            @Override
            public void onOverflow() {
                onPayload.accept(new byte[0]);
            }
        };
    }
}
