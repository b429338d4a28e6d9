package dev.sim800emu.driver.chat;

import dev.sim800emu.driver.AtErrorException;
import dev.sim800emu.driver.CmeErrorException;
import dev.sim800emu.driver.ModemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One step of a chat, in the style of Zephyr's modem_chat: the line to send, an optional payload for
 * the {@code "> "} prompt, and three match sets — information lines to collect, final lines that end
 * the command, and abort lines that end it with an error ({@code ERROR}, {@code +CME ERROR},
 * {@code +CMS ERROR} always) — plus a timeout.
 *
 * <p>The sets are narrow on purpose: a line that none of them matches is not the command's, and goes
 * to the unsolicited handlers. So {@code +CIPRXGET: 1,3} (data waiting on link 3) crossing the reply to
 * {@code AT+CIPRXGET=2,0,…} is a notice, not the reply: the reply is matched as {@code +CIPRXGET: 2,0,}.
 */
public final class AtCommand {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final String line;
    private final byte[] payload;
    private final Duration timeout;
    private final List<Match> infos;
    private final List<Match> finals;
    private final List<Abort> aborts;
    private final boolean collectOthers;
    private final ToIntFunction<String> rawAfter;

    private record Abort(Match match, Function<String, ModemException> error) {
    }

    private AtCommand(Builder b) {
        this.line = b.line;
        this.payload = b.payload;
        this.timeout = b.timeout;
        this.infos = List.copyOf(b.infos);
        this.finals = b.finals.isEmpty() ? List.of(Match.exact("OK")) : List.copyOf(b.finals);
        this.aborts = List.copyOf(b.aborts);
        this.collectOthers = b.collectOthers;
        this.rawAfter = b.rawAfter;
    }

    /** A command answered by {@code OK}, with no information lines. */
    public static AtCommand of(String line) {
        return builder(line).build();
    }

    public static Builder builder(String line) {
        return new Builder(line);
    }

    public String line() {
        return line;
    }

    public byte[] payload() {
        return payload;
    }

    public Duration timeout() {
        return timeout;
    }

    boolean isFinal(String l) {
        return anyMatch(finals, l);
    }

    boolean isInfo(String l) {
        return anyMatch(infos, l);
    }

    /** Lines no set claims and no URC handler wants are the command's (CIFSR's bare IP, CCID). */
    boolean collectsOthers() {
        return collectOthers;
    }

    int rawAfter(String l) {
        return rawAfter == null ? 0 : rawAfter.applyAsInt(l);
    }

    /** The error {@code l} ends this command with, or null if it is no abort line. */
    ModemException abortFor(String l) {
        for (Abort a : aborts) {
            if (a.match().test(l)) {
                return a.error().apply(l);
            }
        }
        if (l.equals("ERROR")) {
            return new AtErrorException(line, "ERROR for " + line);
        }
        if (l.startsWith("+CME ERROR:") || l.startsWith("+CMS ERROR:")) {
            String v = l.substring(11).trim();
            int code = -1;
            try {
                code = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                // verbose (AT+CMEE=2): keep the words
            }
            return new CmeErrorException(line, l.startsWith("+CMS"), code, v);
        }
        return null;
    }

    private static boolean anyMatch(List<Match> set, String l) {
        for (Match m : set) {
            if (m.test(l)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return line;
    }

    public static final class Builder {
        private final String line;
        private byte[] payload;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final List<Match> infos = new ArrayList<>();
        private final List<Match> finals = new ArrayList<>();
        private final List<Abort> aborts = new ArrayList<>();
        private boolean collectOthers;
        private ToIntFunction<String> rawAfter;

        private Builder(String line) {
            this.line = line;
        }

        /** Sent after the {@code "> "} prompt, as is (add Ctrl-Z yourself where the command needs it). */
        public Builder payload(byte[] bytes) {
            this.payload = bytes.clone();
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** Collect lines matching {@code m}. */
        public Builder info(Match m) {
            infos.add(m);
            return this;
        }

        /** Collect lines matching {@code m}; {@code length} tells how many raw bytes follow such a line. */
        public Builder info(Match m, ToIntFunction<String> length) {
            infos.add(m);
            rawAfter = length;
            return this;
        }

        /** End on a line matching {@code m} (instead of {@code OK}; call again for more). */
        public Builder finalLine(Match m) {
            finals.add(m);
            return this;
        }

        /** End with {@code error} on a line matching {@code m}. */
        public Builder abort(Match m, Function<String, ModemException> error) {
            aborts.add(new Abort(m, error));
            return this;
        }

        /** Also collect lines that nothing else claims (answers without a prefix). */
        public Builder collectOthers() {
            this.collectOthers = true;
            return this;
        }

        public AtCommand build() {
            return new AtCommand(this);
        }
    }
}
