package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.record.Escapes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the serial dialog in both directions (--trace), with control characters escaped so that
 * CR, LF, the prompt and Ctrl-Z are visible: {@code host> AT+CSQ\r} / {@code modem< \r\n+CSQ: 20,0\r\n}.
 */
public final class SerialTrace {
    private static final Logger log = LoggerFactory.getLogger("sim800emu.trace");

    private final String name;
    private final boolean enabled;

    public SerialTrace(String name, boolean enabled) {
        this.name = name;
        this.enabled = enabled;
    }

    /** Whether the bytes are logged (an output that skips arrays must then make one). */
    public boolean enabled() {
        return enabled;
    }

    public void fromHost(byte[] bytes, int off, int len) {
        if (enabled) {
            log.info("{} host>  {}", name, escape(bytes, off, len));
        }
    }

    public void toHost(byte[] bytes) {
        if (enabled) {
            log.info("{} modem< {}", name, escape(bytes, 0, bytes.length));
        }
    }

    static String escape(byte[] b, int off, int len) {
        return Escapes.escape(b, off, len, false);
    }
}
