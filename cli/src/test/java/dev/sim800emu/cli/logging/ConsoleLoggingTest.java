package dev.sim800emu.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The emulator's logging set up in code, as its logback.xml had it. */
class ConsoleLoggingTest {

    @Test
    void logbackFindsItAsAService() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/" + Configurator.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(ConsoleLogging.class.getName());
        }
    }

    @Test
    void oneLinePerEventOnStderrAndNettyFromWarnUp() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.apply(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(ConsoleLogging.rootLevel());
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("sim800emu.trace").getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stderr.getEncoder();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.sim800emu.modem.serial.TcpSerialEndpoint"),
                Level.INFO, "host connected", null, null);
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  TcpSerialEndpoint - host connected\\R");
    }

    @Test
    void theLevelComesFromTheVariableAndDefaultsToInfo() {
        String before = System.getProperty(ConsoleLogging.LEVEL_VARIABLE);
        try {
            System.setProperty(ConsoleLogging.LEVEL_VARIABLE, "debug");
            assertThat(ConsoleLogging.rootLevel()).isEqualTo(Level.DEBUG);
            System.setProperty(ConsoleLogging.LEVEL_VARIABLE, "nonsense");
            assertThat(ConsoleLogging.rootLevel()).isEqualTo(Level.INFO);
        } finally {
            if (before == null) {
                System.clearProperty(ConsoleLogging.LEVEL_VARIABLE);
            } else {
                System.setProperty(ConsoleLogging.LEVEL_VARIABLE, before);
            }
        }
    }

    @Test
    void aConfigurationOnTheClassPathWins() {
        // The tests' class path has the modem's logback-test.xml: logback is to read that one.
        assertThat(ConsoleLogging.userConfigured()).isTrue();
        assertThat(new ConsoleLogging().configure(new LoggerContext()))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
