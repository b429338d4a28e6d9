package dev.sim800emu.modem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.at.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command in the shared command table has a row in {@code docs/commands.md}: a table row
 * whose first cell names it the way the doc writes commands, in backticks with the {@code AT}
 * prefix ({@code `AT+CIPSTART`}, {@code `ATE`}, {@code `AT&W`}, {@code `ATS0`}).
 */
class CommandDocsTest {
    private static final Pattern NAME_IN_CELL = Pattern.compile("`([^`]+)`");

    @Test
    void everyCommandInTheTableHasARowInTheCommandsDoc() throws IOException {
        Set<String> documented = documentedCommands(
                Files.readAllLines(SourceTree.root().resolve("docs/commands.md")));

        List<String> commands = ModemEngine.commandTable().all().stream()
                .map(CommandSpec::name)
                .map(name -> "AT" + name)
                .toList();
        assertThat(commands).as("the command table").contains("AT+CIPSTART", "ATE", "AT&W", "ATS0");

        List<String> missing = commands.stream()
                .filter(name -> !documented.contains(name))
                .sorted()
                .toList();
        assertThat(missing).as("commands with no row in docs/commands.md").isEmpty();
    }

    /** The backticked names in the first cell of each table row. */
    private static Set<String> documentedCommands(List<String> lines) {
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            if (!line.startsWith("|")) {
                continue;
            }
            int end = line.indexOf('|', 1);
            while (end > 0 && line.charAt(end - 1) == '\\') { // an escaped \| inside the cell
                end = line.indexOf('|', end + 1);
            }
            String firstCell = end < 0 ? line : line.substring(1, end);
            Matcher m = NAME_IN_CELL.matcher(firstCell);
            while (m.find()) {
                names.add(m.group(1).strip());
            }
        }
        return names;
    }
}
