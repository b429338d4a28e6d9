package dev.sim800emu.modem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.architecture.SourceTree.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine is sans-I/O: its packages (and the ports it sees) name no socket, no Netty, no JNA, no
 * thread and no system clock. Time comes from the {@code ModemClock} port, wall-clock time from a
 * {@code java.time.Clock} in the config ({@code ZonedDateTime.now(config.wallClock())} is fine),
 * I/O from the {@code Network} port. Packages that do not exist (yet) are skipped.
 */
class EnginePurityTest {
    private static final String BASE = "dev.sim800emu.modem";
    static final Set<String> ENGINE_PACKAGES = Set.of(BASE, BASE + ".at", BASE + ".command", BASE + ".tcpip",
            BASE + ".config", BASE + ".settings", BASE + ".radio", BASE + ".sms", BASE + ".control", BASE + ".net",
            BASE + ".time", BASE + ".scenario", BASE + ".apps.http", BASE + ".apps.ntp",
            BASE + ".record", BASE + ".record.logs");

    /** Forbidden in engine code, with the reason printed on failure. */
    private static final Map<Pattern, String> FORBIDDEN = Map.ofEntries(
            rule("\\bio\\s*\\.\\s*netty\\b", "Netty (I/O belongs in modem.netty)"),
            rule("\\bcom\\s*\\.\\s*sun\\s*\\.\\s*jna\\b", "JNA (native calls belong in the adapters)"),
            rule("\\bjava\\s*\\.\\s*util\\s*\\.\\s*concurrent\\b", "java.util.concurrent (threads, futures, executors)"),
            rule("\\bjava\\s*\\.\\s*nio\\s*\\.\\s*channels\\b", "java.nio.channels (sockets)"),
            rule("\\bjava\\s*\\.\\s*net\\s*\\.\\s*(Server|Datagram)?Socket\\b", "a java.net socket"),
            rule("\\bjava\\s*\\.\\s*util\\s*\\.\\s*Timer(Task)?\\b", "java.util.Timer (a thread)"),
            rule("\\bnew\\s+Thread\\s*\\(", "starts a thread"),
            rule("\\bextends\\s+Thread\\b", "a thread"),
            rule("\\bThread\\s*\\.\\s*(ofPlatform|ofVirtual|startVirtualThread|sleep)\\b", "threads or blocking"),
            rule("\\.\\s*start\\s*\\(\\s*\\)", "starts something (a thread?)"),
            rule("\\b(parallelStream|parallel)\\s*\\(", "runs on the common pool"),
            rule("\\bSystem\\s*\\.\\s*(currentTimeMillis|nanoTime)\\b", "reads the system clock"),
            rule("\\bClock\\s*\\.\\s*system\\w*\\s*\\(", "the system clock (take a Clock from the config)"),
            rule("\\bInstantSource\\s*\\.\\s*system\\b", "the system clock"),
            rule("\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year|YearMonth"
                    + "|MonthDay)\\s*\\.\\s*now\\s*\\(\\s*(\\)|(java\\s*\\.\\s*time\\s*\\.\\s*)?Zone)",
                    "reads the system clock (use now(clock))"),
            rule("\\bnew\\s+(java\\s*\\.\\s*util\\s*\\.\\s*)?Date\\s*\\(\\s*\\)", "reads the system clock"),
            rule("\\bCalendar\\s*\\.\\s*getInstance\\b", "reads the system clock"));

    /** Simple names that a wildcard import of their package would let in unseen by the rules above. */
    private static final Map<String, Pattern> WILDCARD_NAMES = Map.of(
            "java.net.*", Pattern.compile("\\b(Server|Datagram)?Socket\\b"),
            "java.util.*", Pattern.compile("\\b(Timer|TimerTask|Date|Calendar)\\b"));

    /**
     * Sanctioned exceptions: {@code DestinationPolicy} (a pure rule, in the port package) may use
     * Netty's IP filter rules, and any engine class may use Netty's address parsing
     * ({@code NetUtil}, string to bytes, no I/O), so the modem has one IPv4 parser.
     */
    private static final String POLICY = BASE + ".net.DestinationPolicy";
    private static final Pattern ANYWHERE_ALLOWED = Pattern.compile("\\bio\\s*\\.\\s*netty\\s*\\.\\s*util\\s*\\.\\s*NetUtil\\b");
    private static final Pattern POLICY_ALLOWED =
            Pattern.compile("\\bio\\s*\\.\\s*netty\\s*\\.\\s*(handler\\s*\\.\\s*ipfilter|util\\s*\\.\\s*NetUtil)\\b");

    /**
     * The other one: the config builder's default wall clock is where the system clock is injected
     * ({@code wallClock = Clock.systemUTC()}); tests and embedders pass their own. Keyed by class
     * name, wherever the config package ends up.
     */
    private static final String CONFIG = "ModemConfig";
    private static final Pattern CONFIG_ALLOWED = Pattern.compile("\\bClock\\s*\\.\\s*systemUTC\\s*\\(");

    private static Map.Entry<Pattern, String> rule(String regex, String why) {
        return Map.entry(Pattern.compile(regex), why);
    }

    @Test
    void enginePackagesDoNoIoStartNoThreadAndReadNoClock() {
        List<SourceFile> engine = SourceTree.mainSources().stream()
                .filter(f -> ENGINE_PACKAGES.contains(f.pkg()))
                .toList();
        assertThat(engine).as("engine sources found").isNotEmpty();

        List<String> violations = new ArrayList<>();
        for (SourceFile f : engine) {
            violations.addAll(violations(f));
        }
        assertThat(violations).as("engine code must stay free of I/O, threads and clocks").isEmpty();
    }

    @Test
    void theRulesSeeInlineNamesAndIgnoreComments() {
        String code = SourceTree.stripCommentsAndLiterals("""
                package dev.sim800emu.modem.tcpip;
                // java.util.concurrent is only mentioned here, and "System.nanoTime()" only in a string
                class X {
                    Object a = new java.util.concurrent.ConcurrentHashMap<>();
                    long b = java.time.Instant.now().toEpochMilli();
                    Object c = java.time.ZonedDateTime.now(config.wallClock());
                    Object d = dev.sim800emu.modem.at.ResultCode.OK;
                }
                """);
        SourceFile f = new SourceFile(Path.of("X.java"), "X.java", BASE + ".tcpip", List.of(), code, 8);
        assertThat(violations(f)).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains(":4 ").contains("java.util.concurrent"))
                .anySatisfy(v -> assertThat(v).contains(":5 ").contains("clock"));
    }

    private static List<String> violations(SourceFile f) {
        String fqcn = f.pkg() + "." + f.name().replace(".java", "");
        List<String> found = new ArrayList<>();
        for (Map.Entry<Pattern, String> rule : FORBIDDEN.entrySet()) {
            Matcher m = rule.getKey().matcher(f.code());
            while (m.find()) {
                if (allowedAt(ANYWHERE_ALLOWED, f, m.start())
                        || fqcn.equals(POLICY) && allowedAt(POLICY_ALLOWED, f, m.start())
                        || f.name().equals(CONFIG + ".java") && allowedAt(CONFIG_ALLOWED, f, m.start())) {
                    continue;
                }
                found.add(f.relative() + ":" + f.lineOf(m.start()) + " " + m.group().strip() + " — " + rule.getValue());
            }
        }
        for (Map.Entry<String, Pattern> w : WILDCARD_NAMES.entrySet()) {
            if (f.imports().contains(w.getKey())) {
                Matcher m = w.getValue().matcher(f.code());
                if (m.find()) {
                    found.add(f.relative() + ":" + f.lineOf(m.start()) + " " + m.group() + " via import "
                            + w.getKey() + " — forbidden in the engine");
                }
            }
        }
        found.sort(null);
        return found;
    }

    private static boolean allowedAt(Pattern allowed, SourceFile f, int offset) {
        return allowed.matcher(f.code()).region(offset, f.code().length()).lookingAt();
    }
}
