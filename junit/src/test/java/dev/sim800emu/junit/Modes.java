package dev.sim800emu.junit;

import dev.sim800emu.driver.Sim800;
import dev.sim800emu.driver.transport.SerialPortTransport;
import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.serial.PtyEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The ways a driver reaches a virtual modem in the driver's tests, and the timing adversary
 * (--stress-timing) over TCP with several seeds, so that every driver test also runs with notices
 * crossing its commands, late results and output in fragments.
 */
enum Modes {
    IN_PROCESS, TCP, PTY, STRESS_SEED_1, STRESS_SEED_2, STRESS_SEED_3;

    /**
     * Every plain mode, and as many stress seeds as {@code sim800emu.driver.stressSeeds} says: one
     * in CI (a stressed run takes about a minute), all three with the Maven profile {@code long}.
     */
    static Stream<Modes> all() {
        int seeds = Integer.getInteger("sim800emu.driver.stressSeeds", 1);
        return Stream.of(values()).filter(m -> !m.stressed() || m.ordinal() - STRESS_SEED_1.ordinal() < seeds);
    }

    boolean stressed() {
        return ordinal() >= STRESS_SEED_1.ordinal();
    }

    /** A connected, initialised driver on {@code modem}; PTY endpoints are closed with the modem. */
    Sim800 connect(VirtualSim800 modem, java.util.List<AutoCloseable> cleanup) throws IOException {
        return switch (this) {
            case IN_PROCESS -> modem.driver();
            case TCP -> modem.tcpDriver();
            case STRESS_SEED_1, STRESS_SEED_2, STRESS_SEED_3 -> {
                long seed = ordinal() - STRESS_SEED_1.ordinal() + 1;
                modem.control(new ControlCommand.Stress(StressTiming.seeded(seed)));
                yield modem.tcpDriver();
            }
            case PTY -> {
                Path dir = Files.createTempDirectory("sim800pty");
                Path link = dir.resolve("modem");
                PtyEndpoint pty = PtyEndpoint.open(modem.modem(), link);
                cleanup.add(pty);
                Sim800 d = Sim800.open(SerialPortTransport.open(pty.slavePath().toString(), 115_200, false));
                cleanup.add(d);
                d.init();
                yield d;
            }
        };
    }
}
