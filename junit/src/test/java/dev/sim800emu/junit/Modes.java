package dev.sim800emu.junit;

import dev.sim800emu.driver.Sim800;
import dev.sim800emu.driver.transport.SerialPortTransport;
import dev.sim800emu.modem.serial.PtyEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The ways a driver reaches a virtual modem in the driver's tests. Stress-timing runs (the timing
 * adversary, once the emulator has it) are meant to be added here as more modes, one per seed, so
 * that every driver test runs under them.
 */
enum Modes {
    IN_PROCESS, TCP, PTY;

    static Stream<Modes> all() {
        return Stream.of(values());
    }

    /** A connected, initialised driver on {@code modem}; PTY endpoints are closed with the modem. */
    Sim800 connect(VirtualSim800 modem, java.util.List<AutoCloseable> cleanup) throws IOException {
        return switch (this) {
            case IN_PROCESS -> modem.driver();
            case TCP -> modem.tcpDriver();
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
