package dev.sim800emu.modem.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON arguments of a transcript's {@code = ctl VERB {…}} line (none when empty). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] data) {
        if (data.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
