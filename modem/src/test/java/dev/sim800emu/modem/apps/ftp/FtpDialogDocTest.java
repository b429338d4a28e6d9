package dev.sim800emu.modem.apps.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The FTP dialog table in docs/commands.md is printed from {@link FtpStep} and {@link FtpOperation}.
 * This test fails when the page and the code disagree; run it with {@code -Dsim800emu.writeDocs=true}
 * to rewrite the section between the markers.
 */
class FtpDialogDocTest {
    static final String BEGIN = "<!-- ftp-dialog:begin -->";
    static final String END = "<!-- ftp-dialog:end -->";

    @Test
    void commandsPageShowsTheDialogAsTheCodeHasIt() throws IOException {
        Path page = page();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin >= 0 && end > begin).as(page + " needs the markers").isTrue();
        String generated = BEGIN + "\n" + table() + END;
        if (Boolean.getBoolean("sim800emu.writeDocs")) {
            Files.writeString(page, text.substring(0, begin) + generated + text.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(begin, end + END.length()))
                .as("docs/commands.md is out of date: run FtpDialogDocTest with -Dsim800emu.writeDocs=true")
                .isEqualTo(generated);
    }

    static String table() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from FtpStep and FtpOperation by FtpDialogDocTest;\n")
                .append("     rewrite with: mvn -pl modem test -Dtest=FtpDialogDocTest -Dsim800emu.writeDocs=true -->\n\n");
        md.append("| step | the modem sends | replies that go on | any other reply |\n|---|---|---|---|\n");
        for (FtpStep s : FtpStep.values()) {
            md.append("| ").append(s).append(" | ").append(s.verb == null ? "—" : "`" + s.verb + "`").append(" | ")
                    .append(s.accepted.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(" | ").append(s == FtpStep.TRANSFER ? "the operation's transfer code" : s.failure)
                    .append(" |\n");
        }
        md.append("\n| operation | URC | transfer broken off |\n|---|---|---|\n");
        for (FtpOperation op : FtpOperation.values()) {
            md.append("| ").append(op).append(" | `").append(op.urc).append("` | ")
                    .append(op.transfers() ? String.valueOf(op.transferFailure) : "—").append(" |\n");
        }
        return md.toString();
    }

    private static Path page() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/commands.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/commands.md not found");
        }
        return dir.resolve("docs/commands.md");
    }
}
