package dev.sim800emu.junit;

import dev.sim800emu.driver.Sim800;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithVirtualSim800}: resolves {@link VirtualSim800} and
 * {@link Sim800} parameters (of test methods, lifecycle methods and constructors). A test method's
 * modem lives in that test's store and is closed after it; with {@code perClass}, or from
 * {@code @BeforeAll} and constructors, in the class's store. Every modem listens on its own free
 * port of 127.0.0.1, so tests may run in parallel.
 */
public final class VirtualSim800Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VirtualSim800Extension.class);

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> t = pc.getParameter().getType();
        return t == VirtualSim800.class || t == Sim800.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        WithVirtualSim800 settings = settings(ec);
        ExtensionContext scope = scope(ec, settings.perClass());
        Fixture f = scope.getStore(NS).computeIfAbsent(Fixture.class, k -> new Fixture(VirtualSim800.start()), Fixture.class);
        if (pc.getParameter().getType() == VirtualSim800.class) {
            return f.modem;
        }
        try {
            return f.driver(settings);
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot connect a driver to the virtual modem: " + e.getMessage(), e);
        }
    }

    private static WithVirtualSim800 settings(ExtensionContext ec) {
        Optional<WithVirtualSim800> a = ec.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, WithVirtualSim800.class));
        return a.orElseGet(() -> Defaults.class.getAnnotation(WithVirtualSim800.class));
    }

    /** The test's own context, or its class's for per-class modems and class-level callers. */
    private static ExtensionContext scope(ExtensionContext ec, boolean perClass) {
        if (!perClass && ec.getTestMethod().isPresent()) {
            return ec;
        }
        ExtensionContext c = ec;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    @WithVirtualSim800
    private static final class Defaults {
    }

    /** One modem and the driver tests asked for; closed with the store. */
    private static final class Fixture implements AutoCloseable {
        final VirtualSim800 modem;
        private Sim800 driver;

        Fixture(VirtualSim800 modem) {
            this.modem = modem;
        }

        synchronized Sim800 driver(WithVirtualSim800 settings) throws IOException {
            if (driver == null) {
                Sim800 d = modem.driver();
                if (settings.attachGprs()) {
                    d.attachGprs(settings.apn(), "", "");
                }
                driver = d;
            }
            return driver;
        }

        @Override
        public void close() {
            modem.close();
        }
    }
}
