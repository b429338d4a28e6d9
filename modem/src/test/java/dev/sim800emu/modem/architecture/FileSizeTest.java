package dev.sim800emu.modem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.architecture.SourceTree.SourceFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No main source file, in any module, grows past {@value #MAX_LINES} lines. */
class FileSizeTest {
    static final int MAX_LINES = 400;

    /**
     * Files allowed over the limit: none. Should one ever be let through while it is split, the
     * test fails once it is back under the limit, so that the list only shrinks.
     */
    private static final Set<String> KNOWN_OFFENDERS = Set.of();

    @Test
    void mainSourceFilesStayUnderTheLimit() {
        List<SourceFile> files = SourceTree.mainSources();
        assertThat(files).as("main sources found").isNotEmpty();

        List<String> offenders = files.stream()
                .filter(f -> f.lines() > MAX_LINES && !KNOWN_OFFENDERS.contains(f.name()))
                .map(f -> f.relative() + " (" + f.lines() + " lines)")
                .toList();
        assertThat(offenders).as("files over %d lines: split them by concern", MAX_LINES).isEmpty();
    }

    @Test
    void theListOfKnownOffendersOnlyShrinks() {
        List<SourceFile> files = SourceTree.mainSources();
        List<String> fixed = KNOWN_OFFENDERS.stream()
                .filter(name -> files.stream().noneMatch(f -> f.name().equals(name) && f.lines() > MAX_LINES))
                .sorted()
                .toList();
        assertThat(fixed).as("no longer over %d lines (or gone): remove from KNOWN_OFFENDERS", MAX_LINES)
                .isEmpty();
    }
}
