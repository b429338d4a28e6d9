package dev.sim800emu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run, in a JVM of its own as the launcher runs it: it starts a modem, gets
 * RDY and OK, and exits 0, having loaded what a start needs (picocli included, which only a static
 * archive can hold).
 */
class ArchiveTrainingTest {

    @Test
    void startsAModemTalksToItAndExits(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("classes.lst");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:DumpLoadedClassList=" + list,
                "-cp", System.getProperty("java.class.path"), ArchiveTraining.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(exited).as("exited; output: %s", out).isTrue();
        assertThat(p.exitValue()).as("exit status; output: %s", out).isZero();
        assertThat(out).contains("sim800emu: modem serial line on tcp://127.0.0.1:", "host connected");
        // one class a line: its name, then (for some) more fields after a space
        Set<String> classes = Files.readAllLines(list).stream().map(line -> line.split(" ")[0])
                .collect(Collectors.toSet());
        assertThat(classes.contains("picocli/CommandLine")).as("picocli in the class list").isTrue();
        assertThat(classes.contains("dev/sim800emu/modem/serial/TcpSerialEndpoint"))
                .as("the serial endpoint in the class list").isTrue();
    }
}
