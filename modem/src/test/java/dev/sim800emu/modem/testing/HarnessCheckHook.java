package dev.sim800emu.modem.testing;

import java.util.List;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * The jqwik counterpart of {@link HarnessCheckExtension}: after each try of a property, every
 * {@link ModemHarness} it created must have had no internal error and no unread output, or the
 * try is falsified. Registered for all properties through the service loader.
 */
public final class HarnessCheckHook implements AroundTryHook {

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        ModemHarness.forgetAll();
        TryExecutionResult result = aTry.execute(parameters);
        if (!result.isSatisfied()) {
            ModemHarness.forgetAll();
            return result;
        }
        try {
            ModemHarness.verifyAll();
            return result;
        } catch (AssertionError e) {
            return TryExecutionResult.falsified(e);
        }
    }
}
