package dev.sim800emu.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The emulator's logging, set up in code: one line per event on stderr, Netty's chatter from WARN
 * up, the root level from {@code SIM800EMU_LOG_LEVEL} (a system property or the environment;
 * default INFO). Logback found it through {@code META-INF/services}; reading a {@code logback.xml}
 * instead (an XML parser, Joran's model and its actions) took about 150 ms of start-up, before the
 * serial line could open.
 *
 * <p>Whoever brings their own configuration still gets it: with {@code -Dlogback.configurationFile}
 * or a {@code logback-test.xml} on the class path this steps aside and logback reads that as usual.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    static final String LEVEL_VARIABLE = "SIM800EMU_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigured()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether a configuration file was given or sits on the class path (tests have one). */
    static boolean userConfigured() {
        return System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null;
    }

    /** What the emulator's logback.xml used to say. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("sim800emu.trace").setLevel(Level.INFO);
    }

    /** The root level asked for, as logback's {@code ${SIM800EMU_LOG_LEVEL:-INFO}} would find it. */
    static Level rootLevel() {
        String asked = System.getProperty(LEVEL_VARIABLE);
        if (asked == null) {
            asked = System.getenv(LEVEL_VARIABLE);
        }
        return Level.toLevel(asked, Level.INFO);
    }
}
