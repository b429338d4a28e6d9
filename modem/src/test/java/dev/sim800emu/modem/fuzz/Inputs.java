package dev.sim800emu.modem.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the fuzzers type: command lines from a vocabulary that reaches every mode (command, CIPSEND
 * payload, CIPRXGET, transparent data mode, sleep, server), with random mutations; random bytes;
 * lines of tens of kilobytes. Shared by the engine and the endpoint fuzzers.
 */
final class Inputs {

    private Inputs() {
    }

    /** Commands; {@code %P} is a TCP port, {@code %U} a UDP port, {@code %S} a server port. */
    static final List<String> COMMANDS = List.of(
            "AT", "ATE0", "ATE1", "ATV0", "ATV1", "ATQ0", "ATQ1", "ATZ", "AT&F", "AT&W", "ATI", "A/", "AT&V",
            "AT&C0", "AT&C1", "AT&D0", "AT&D1", "AT&D2", "ATO", "ATH", "ATA", "ATX4", "ATS3?", "ATS0=0",
            "AT+CMEE=0", "AT+CMEE=2", "AT+IPR=0", "AT+IPR=115200", "AT+IPR?", "AT+IFC=2,2", "AT+IFC=0,0",
            "AT+IFC=2,0", "AT+CSCLK=0", "AT+CSCLK=1", "AT+CSCLK=2", "AT+CFUN=1,1", "AT+CFUN=0", "AT+CFUN=1",
            "AT+CFUN?", "AT+CPIN?", "AT+CSQ", "AT+CGATT=1", "AT+CGATT=0", "AT+CGATT?", "AT+COPS?", "AT+GSN",
            "AT+CCLK?", "AT+CIURC=0", "AT+CLTS=1", "AT+CBC",
            "AT+CMGF=1", "AT+CMGF=0", "AT+CMGS=\"+1555\"", "AT+CMGS=24", "AT+CMGW", "AT+CMSS=1", "AT+CMGR=1",
            "AT+CMGL=\"ALL\"", "AT+CMGL=4", "AT+CMGD=1,4", "AT+CNMI=2,2", "AT+CNMI=2,1", "AT+CSCS=\"UCS2\"",
            "AT+CSCS=\"HEX\"", "AT+CSDH=1", "AT+CPMS=\"ME\",\"ME\"", "ATD+1555;", "ATD123", "AT+CLCC=1",
            "AT+CLCC", "AT+MORING=1", "AT+VTS=5", "AT+CUSD=1,\"*100#\"",
            "AT+CSTT=\"CMNET\"", "AT+CSTT?", "AT+CIICR", "AT+CIFSR", "AT+CIPSHUT", "AT+CIPSTATUS",
            "AT+CIPSTATUS=0", "AT+CIPMUX=0", "AT+CIPMUX=1", "AT+CIPMODE=0", "AT+CIPMODE=1",
            "AT+CIPSTART=\"TCP\",\"127.0.0.1\",%P", "AT+CIPSTART=\"UDP\",\"127.0.0.1\",%U",
            "AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",%P", "AT+CIPSTART=1,\"UDP\",\"127.0.0.1\",%U",
            "AT+CIPSTART=2,\"TCP\",\"127.0.0.1\",%P", "AT+CIPSTART=\"TCP\",\"peer.test\",%P",
            "AT+CIPSEND", "AT+CIPSEND=5", "AT+CIPSEND=1460", "AT+CIPSEND=0,5", "AT+CIPSEND=1,3",
            "AT+CIPSEND=0", "AT+CIPSEND=2", "AT+CIPSEND?", "AT+CIPQSEND=1", "AT+CIPQSEND=0",
            "AT+CIPATS=1,1", "AT+CIPATS=0", "AT+CIPSPRT=0", "AT+CIPSPRT=1", "AT+CIPSPRT=2", "AT+CIPACK",
            "AT+CIPACK=0", "AT+CIPCLOSE", "AT+CIPCLOSE=1", "AT+CIPCLOSE=0", "AT+CIPCLOSE=0,1",
            "AT+CIPCLOSE=1,0", "AT+CIPRXGET=1", "AT+CIPRXGET=0", "AT+CIPRXGET=2,1460", "AT+CIPRXGET=3,730",
            "AT+CIPRXGET=4", "AT+CIPRXGET=2,0,100", "AT+CIPRXGET=2,1,1460", "AT+CIPRXGET=4,0",
            "AT+CIPRXGET?", "AT+CIPSERVER=1,%S", "AT+CIPSERVER=0", "AT+CIPSERVER?", "AT+CIPHEAD=1",
            "AT+CIPHEAD=0", "AT+CIPSRIP=1", "AT+CIPSHOWTP=1", "AT+CIPCCFG=5,2,1024,1,0,1460,50",
            "AT+CIPCCFG=3,2,256,1,1,1460,50", "AT+CIPCCFG?", "AT+CDNSGIP=\"peer.test\"",
            "AT+CDNSGIP=\"nowhere.test\"", "AT+CDNSGIP=\"127.0.0.1\"", "AT+CDNSCFG=\"127.0.0.1\"",
            "AT+SAPBR=3,1,\"APN\",\"CMNET\"", "AT+SAPBR=1,1", "AT+SAPBR=0,1", "AT+SAPBR=2,1",
            "AT+CIPSCONT", "AT+CIPSCONT?", "AT+CIPTKA=1,7200,75,9", "AT+CLPORT=\"TCP\",2000",
            "AT+CIPUDPMODE=1", "AT+CIPUDPMODE=0", "AT+CIPSGTXT=1", "AT+CIPSGTXT=0", "AT+CIPSSL=1",
            "AT+CIPMUX?", "AT+CIPMODE?");

    /**
     * Lines that open sockets or choose destinations: the endpoint fuzzer types them only as
     * written (mutations could aim them at other ports or hosts), and drops mutated ones.
     */
    private static final Pattern AIMING = Pattern.compile("START|SERVER|UDPMODE|CLPORT|POWD|CCFG");
    /** S5 (the backspace character) set to a letter would eat the recovery lines of the liveness check. */
    private static final Pattern BACKSPACE = Pattern.compile("S5");

    /** Characters mutations insert: syntax, digits, terminators, backspace, Ctrl-Z, ESC, NUL, 0xFF. */
    private static final String ALPHABET = "AaTt+=,\";?&/0123456789 \r\n\b\u001a\u001b\u0000\u00ff";

    /** One edit of a line. */
    record Mutation(int kind, int position, int character) {
        String apply(String s) {
            if (s.isEmpty()) {
                return s;
            }
            int at = Math.floorMod(position, s.length());
            char c = ALPHABET.charAt(Math.floorMod(character, ALPHABET.length()));
            return switch (kind) {
                case 0 -> s.substring(0, at) + c + s.substring(at + 1);
                case 1 -> s.substring(0, at) + c + s.substring(at);
                case 2 -> s.substring(0, at) + s.substring(at + 1);
                case 3 -> s.substring(0, at) + s.substring(at).toLowerCase(Locale.ROOT);
                default -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 4)) + s.substring(at);
            };
        }
    }

    /** A command line: one to three commands joined with ';', mutated, with a terminator. */
    record Line(List<Integer> commands, List<Mutation> mutations, String terminator) {
        String text(int tcpPort, int udpPort, int serverPort, boolean safeOnly) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                String c = COMMANDS.get(Math.floorMod(commands.get(i), COMMANDS.size()))
                        .replace("%P", Integer.toString(tcpPort))
                        .replace("%U", Integer.toString(udpPort))
                        .replace("%S", Integer.toString(serverPort));
                if (i > 0) {
                    if (!c.startsWith("AT") || c.length() < 3) {
                        continue;
                    }
                    sb.append(';').append(c, 2, c.length());
                } else {
                    sb.append(c);
                }
            }
            String plain = sb.toString();
            String s = plain;
            for (Mutation m : mutations) {
                s = m.apply(s);
            }
            String upper = s.toUpperCase(Locale.ROOT);
            if (!s.equals(plain) && (BACKSPACE.matcher(upper).find()
                    || (safeOnly && AIMING.matcher(upper).find()))) {
                s = plain; // a mutated line that could aim a socket anywhere: typed as written
            }
            return s + terminator;
        }

        @Override
        public String toString() {
            return "Line" + commands.stream().map(i -> COMMANDS.get(Math.floorMod(i, COMMANDS.size()))).toList()
                    + mutations + "+" + visible(terminator);
        }
    }

    static Arbitrary<Line> lines() {
        Arbitrary<List<Integer>> commands = Arbitraries.integers().between(0, COMMANDS.size() - 1)
                .list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 600), Arbitraries.integers().between(0, ALPHABET.length() - 1))
                .as(Mutation::new);
        Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(List.<Mutation>of())),
                net.jqwik.api.Tuple.of(4, mutation.list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<String> terminator = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("\r")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("\r\n")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("\n")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("\r\r")));
        return Combinators.combine(commands, mutations, terminator).as(Line::new);
    }

    /** A long line: "AT" (or nothing) and then {@code size} bytes, terminated or not. */
    record LongLine(int size, boolean at, boolean terminated, long seed) {
        byte[] bytes() {
            Random r = new Random(seed);
            byte[] b = new byte[(at ? 2 : 0) + size + (terminated ? 1 : 0)];
            int i = 0;
            if (at) {
                b[i++] = 'A';
                b[i++] = 'T';
            }
            for (int k = 0; k < size; k++) {
                b[i++] = (byte) (0x20 + r.nextInt(0x5F)); // printable: no terminator inside
            }
            if (terminated) {
                b[i] = '\r';
            }
            return b;
        }

        @Override
        public String toString() {
            return "LongLine[" + (at ? "AT+" : "") + size + (terminated ? "+CR" : "") + "]";
        }
    }

    static Arbitrary<LongLine> longLines(int min, int max) {
        return Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.longs()).as(LongLine::new);
    }

    /** A line as {@link #lines()} makes them, from a plain random source (for the endpoint fuzzer). */
    static Line randomLine(Random r) {
        List<Integer> commands = new java.util.ArrayList<>();
        int n = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        for (int i = 0; i < n; i++) {
            commands.add(r.nextInt(COMMANDS.size()));
        }
        List<Mutation> mutations = new java.util.ArrayList<>();
        if (r.nextInt(10) < 4) {
            int m = 1 + r.nextInt(3);
            for (int i = 0; i < m; i++) {
                mutations.add(new Mutation(r.nextInt(5), r.nextInt(600), r.nextInt(ALPHABET.length())));
            }
        }
        int t = r.nextInt(17);
        String terminator = t < 10 ? "\r" : t < 13 ? "\r\n" : t < 15 ? "\n" : t < 16 ? "" : "\r\r";
        return new Line(commands, mutations, terminator);
    }

    static LongLine randomLongLine(Random r, int min, int max) {
        return new LongLine(min + r.nextInt(max - min + 1), r.nextBoolean(), r.nextBoolean(), r.nextLong());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c > 0x7E ? String.format("\\x%02X", (int) c) : c);
        }
        return sb.toString();
    }
}
