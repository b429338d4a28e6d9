package dev.sim800emu.modem.tcpip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim800emu.modem.net.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The state tables in docs/architecture.md are printed from the code: {@link BearerMachine},
 * {@link LinkMachine} and {@link Permissions}. This test fails when the page and the code disagree;
 * run it with {@code -Dsim800emu.writeDocs=true} to rewrite the section between the markers.
 */
class StateTablesDocTest {
    static final String BEGIN = "<!-- tables:begin -->";
    static final String END = "<!-- tables:end -->";

    @Test
    void architecturePageShowsTheTablesAsTheCodeHasThem() throws IOException {
        Path page = docsPage();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, page + " needs the markers " + BEGIN + " and " + END);
        String generated = BEGIN + "\n" + tables() + END;
        String current = text.substring(begin, end + END.length());
        if (Boolean.getBoolean("sim800emu.writeDocs")) {
            Files.writeString(page, text.substring(0, begin) + generated + text.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, "docs/architecture.md is out of date: run this test with "
                + "-Dsim800emu.writeDocs=true");
    }

    @Test
    void everyLinkStateIsReachableAndLeavable() {
        for (LinkState s : LinkState.values()) {
            boolean entered = LinkMachine.table().values().stream().anyMatch(m -> m.containsValue(s));
            assertTrue(entered || s == LinkState.INITIAL, s + " is never entered");
            assertTrue(!LinkMachine.table().get(s).isEmpty(), s + " has no way out");
        }
    }

    private static Path docsPage() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/architecture.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/architecture.md not found above " + System.getProperty("basedir"));
        }
        return dir.resolve("docs/architecture.md");
    }

    static String tables() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from BearerMachine, LinkMachine and Permissions by StateTablesDocTest;\n")
                .append("     rewrite with: mvn -pl modem test -Dtest=StateTablesDocTest -Dsim800emu.writeDocs=true -->\n\n");
        md.append("**BearerMachine** — a PDP context (row: state, column: event, cell: next state; "
                + "empty: refused).\n\n");
        transitions(md, BearerMachine.table(), BearerState.values(), BearerEvent.values());
        md.append("\n**LinkMachine** — a link slot (empty: an internal error, logged and refused).\n\n");
        transitions(md, LinkMachine.table(), LinkState.values(), LinkEvent.values());
        md.append("\n**Permissions** — where a state-gated command may run (the IP state that `STATE:` shows, "
                + "per CIPMUX mode, and for a command addressed to a link, that link's state).\n\n");
        md.append("| command | single mode | multi mode | link |\n|---|---|---|---|\n");
        for (Permissions.Op op : Permissions.Op.values()) {
            md.append("| ").append(op).append(" | ")
                    .append(states(Permissions.ipTable(false).get(op), IpState.class, StateTablesDocTest::ipLabel))
                    .append(" | ")
                    .append(states(Permissions.ipTable(true).get(op), IpState.class, StateTablesDocTest::ipLabel))
                    .append(" | ")
                    .append(states(Permissions.linkTable().get(op), LinkState.class, LinkState::label))
                    .append(" |\n");
        }
        md.append("\nCIPSERVER's link column is link 0, in single mode only. CIPSTART on a link that is not free "
                + "answers ERROR and ALREADY CONNECT.\n\n");
        return md.toString();
    }

    private static <S extends Enum<S>, E extends Enum<E>> void transitions(StringBuilder md, Map<S, Map<E, S>> table,
                                                                          S[] states, E[] events) {
        md.append("| state \\ event |");
        for (E e : events) {
            md.append(' ').append(e).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(events.length)).append('\n');
        for (S s : states) {
            md.append("| ").append(s).append(" |");
            for (E e : events) {
                S next = table.get(s).get(e);
                md.append(next == null ? " |" : " " + next + " |");
            }
            md.append('\n');
        }
    }

    private static <S extends Enum<S>> String states(Set<S> set, Class<S> type, Function<S, String> label) {
        if (set == null) {
            return "—";
        }
        if (set.isEmpty()) {
            return "none";
        }
        if (set.equals(EnumSet.allOf(type))) {
            return "any";
        }
        Collection<S> sorted = EnumSet.copyOf(set);
        return sorted.stream().map(label).collect(Collectors.joining(", "));
    }

    private static String ipLabel(IpState s) {
        return s.label(Protocol.TCP).replace("TCP ", "TCP/UDP ");
    }
}
