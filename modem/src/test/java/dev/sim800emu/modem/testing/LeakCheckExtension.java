package dev.sim800emu.modem.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class during which Netty reported a leaked buffer ({@link LeakRecorder}). Netty
 * reports a leak only after the garbage collector found the buffer, so each class ends with a
 * collection; a buffer still referenced then is reported later, during another class; the record says where the buffer was
 * touched. Registered for all tests through the service loader, like {@link HarnessCheckExtension}.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        // One collection per class (some 30 ms) so that a buffer lost by this class is usually
        // reported here rather than somewhere later.
        LeakRecorder.collectAndAssertNone(1);
    }
}
