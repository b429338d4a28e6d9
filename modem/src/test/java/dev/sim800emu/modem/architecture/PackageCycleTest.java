package dev.sim800emu.modem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.architecture.SourceTree.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code dev.sim800emu.modem} form no cycle: each can be understood, tested and
 * moved with only the packages below it. Dependencies are read from the sources: imports
 * (static and wildcard included) and fully-qualified names used inline.
 */
class PackageCycleTest {
    private static final String BASE = "dev.sim800emu.modem";
    /** A qualified name in code: lower-case package segments, then a type (upper-case). */
    private static final Pattern QUALIFIED =
            Pattern.compile("\\bdev\\s*\\.\\s*sim800emu\\s*\\.\\s*modem((?:\\s*\\.\\s*[a-z_][a-z0-9_]*)*)"
                    + "\\s*\\.\\s*(?:[A-Z]|\\*)");

    @Test
    void modemPackagesHaveNoCycle() {
        Map<String, Set<String>> graph = dependencies(SourceTree.mainSources());
        assertThat(graph).as("modem packages found").isNotEmpty();
        List<String> cycles = cycles(graph);
        assertThat(cycles).as("package cycles (each shown as one path round it)").isEmpty();
    }

    @Test
    void aCycleIsReportedAsAPath() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertThat(cycles(graph)).containsExactly("a -> b -> c -> a (all in the cycle: a, b, c)");
    }

    @Test
    void inlineQualifiedNamesCountAsDependencies() {
        String code = SourceTree.stripCommentsAndLiterals("""
                package dev.sim800emu.modem.tcpip;
                // dev.sim800emu.modem.serial.Foo in a comment does not count
                class X {
                    Object r = dev.sim800emu.modem.at.ResultCode.OK;
                    Object e = dev.sim800emu.modem.ModemEngine.commandTable();
                }
                """);
        SourceFile f = new SourceFile(java.nio.file.Path.of("X.java"), "X.java", BASE + ".tcpip", List.of(), code, 6);
        Map<String, Set<String>> graph = dependencies(List.of(f));
        assertThat(graph.get(BASE + ".tcpip")).containsExactlyInAnyOrder(BASE + ".at", BASE);
    }

    /** Package → the other modem packages its main sources use. */
    static Map<String, Set<String>> dependencies(List<SourceFile> files) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (SourceFile f : files) {
            if (!isModem(f.pkg())) {
                continue;
            }
            Set<String> uses = graph.computeIfAbsent(f.pkg(), k -> new TreeSet<>());
            Matcher m = QUALIFIED.matcher(f.code()); // imports are qualified names too
            while (m.find()) {
                String target = BASE + m.group(1).replaceAll("\\s", "");
                if (!target.equals(f.pkg())) {
                    uses.add(target);
                }
            }
        }
        return graph;
    }

    private static boolean isModem(String pkg) {
        return pkg.equals(BASE) || pkg.startsWith(BASE + ".");
    }

    /**
     * One entry per strongly connected component of more than one package: a shortest path round
     * it, then every package caught in it.
     */
    static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        for (Set<String> component : stronglyConnected(graph)) {
            if (component.size() > 1) {
                found.add(String.join(" -> ", cycleThrough(component, graph)) + " (all in the cycle: "
                        + String.join(", ", component) + ")");
            }
        }
        return found;
    }

    /** A closed path inside {@code component}, starting and ending at its first package. */
    private static List<String> cycleThrough(Set<String> component, Map<String, Set<String>> graph) {
        String start = component.iterator().next();
        // Breadth-first from start back to start, inside the component: the shortest cycle.
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.removeFirst();
            for (String q : new TreeSet<>(graph.getOrDefault(p, Set.of()))) {
                if (!component.contains(q)) {
                    continue;
                }
                if (q.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String s = p; s != null; s = parent.get(s)) {
                        path.add(0, s);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(q) && !q.equals(start)) {
                    parent.put(q, p);
                    queue.addLast(q);
                }
            }
        }
        throw new IllegalStateException("no cycle in " + component);
    }

    /** Tarjan's algorithm; components come out as sorted sets. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
