package dev.sim800emu.modem.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks, after each JUnit test, every {@link ModemHarness} the test created: no internal engine
 * error, no modem output left unread. Registered for all tests through the service loader
 * (junit-platform.properties enables extension autodetection), so no test can forget it.
 */
public final class HarnessCheckExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // Harnesses from outside any test (none should exist) are not this class's fault.
        ModemHarness.forgetAll();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // Also after a failed test: an internal error often explains the failure (JUnit adds
        // this as a suppressed exception).
        ModemHarness.verifyAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Harnesses made in @BeforeAll / @AfterAll or static initialisers.
        ModemHarness.verifyAll();
    }
}
