package dev.sim800emu.modem.at;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one line in order and prints the line's final result.
 *
 * <p>Rules (SIM800 manual §1.4.4, §19.1): a failing command stops the line and only its error is
 * printed; OK is printed once, at the end, when the last command answered plain OK; a command
 * that printed its own final text (CIFSR's address, SHUT OK) leaves the line without a trailing OK
 * unless another command follows ({@code AT+CIFSR;E0} ends with the IP, then OK).
 *
 * <p>A command that answers {@link Result#PENDING} suspends the line until
 * {@link #complete(Result)}; the engine holds back URCs and input meanwhile.
 */
public final class LineExecutor<M> implements CommandContext {
    private static final Logger log = LoggerFactory.getLogger(LineExecutor.class);

    private final CommandTable<M> table;
    private final M modem;
    private final ResponseWriter out;
    private final Runnable onLineDone;
    private final Runnable onSuspend;

    private List<Invocation> commands = List.of();
    /**
     * The last line parsed, its commands and their arguments (parsed when first needed): a host
     * that repeats a line (a CIPSEND loop) costs no parsing. Invocations and Args are immutable.
     */
    private String parsedLine;
    private List<Invocation> parsedCommands;
    private Args[] parsedArgs;
    private int next;
    private boolean lastWasOk;
    private boolean running;
    private boolean suspended;
    private long internalErrors;

    /**
     * @param modem what handlers are invoked with
     * @param onLineDone called after a line's final result has been written
     * @param onSuspend called when a command goes pending, so that what it printed (a prompt) is
     *     sent to the host at once
     */
    public LineExecutor(CommandTable<M> table, M modem, ResponseWriter out, Runnable onLineDone, Runnable onSuspend) {
        this.table = table;
        this.modem = modem;
        this.out = out;
        this.onLineDone = onLineDone;
        this.onSuspend = onSuspend;
    }

    /** Bugs caught while running handlers (each answered ERROR); tests assert it stays zero. */
    public long internalErrors() {
        return internalErrors;
    }

    /** True from the start of a line until its final result is printed. */
    public boolean busy() {
        return running;
    }

    /** Parses and runs a command line (the text after "AT"). */
    public void execute(String line) {
        if (!line.equals(parsedLine)) {
            try {
                parsedCommands = CommandLineParser.parse(line);
            } catch (BadParameterException e) {
                out.error(-1);
                onLineDone.run();
                return;
            }
            parsedLine = line;
            parsedArgs = new Args[parsedCommands.size()];
        }
        commands = parsedCommands;
        next = 0;
        lastWasOk = true; // a bare "AT" answers OK
        running = true;
        suspended = false;
        advance();
    }

    /** Answers an overlong line: ERROR, nothing executed. */
    public void rejectOverlong() {
        out.error(-1);
        onLineDone.run();
    }

    @Override
    public ResponseWriter out() {
        return out;
    }

    @Override
    public void complete(Result result) {
        if (!running || !suspended) {
            throw new IllegalStateException("no pending command");
        }
        suspended = false;
        if (apply(result)) {
            advance();
        }
    }

    /** Abandons the line without a result (power loss while a command was pending). */
    public void abort() {
        running = false;
        suspended = false;
        commands = List.of();
    }

    private void advance() {
        while (running && !suspended) {
            if (next >= commands.size()) {
                finish(lastWasOk ? ResultCode.OK : null);
                return;
            }
            int index = next++;
            Result r = invoke(commands.get(index), index);
            if (r instanceof Result.Pending) {
                suspended = true;
                onSuspend.run();
                return;
            }
            if (!apply(r)) {
                return;
            }
        }
    }

    private Result invoke(Invocation inv, int index) {
        CommandSpec<M> spec = table.find(inv.name());
        if (spec == null) {
            // Unknown command: ERROR, or with CMEE the generic 27.007 "unknown" (100).
            return Result.cme(CmeError.UNKNOWN);
        }
        Handler<M> h = spec.handlerFor(inv.form());
        if (h == null) {
            return Result.ERROR;
        }
        try {
            Result r = h.handle(modem, this, args(inv, index));
            return r == null ? Result.ERROR : r;
        } catch (BadParameterException e) {
            return Result.ERROR;
        } catch (RuntimeException e) {
            // A bug of ours must not take the modem down: answer like the chip on bad input.
            internalErrors++;
            log.warn("command {} failed", inv, e);
            return Result.ERROR;
        }
    }

    /** The arguments of command {@code index} of the current line, parsed once per distinct line. */
    private Args args(Invocation inv, int index) {
        if (commands != parsedCommands) {
            return inv.args();
        }
        Args a = parsedArgs[index];
        if (a == null) {
            a = inv.args();
            parsedArgs[index] = a;
        }
        return a;
    }

    /** Prints what a result needs; returns false when the line has ended. */
    private boolean apply(Result r) {
        if (r instanceof Result.Ok) {
            lastWasOk = true;
            return true;
        }
        if (r instanceof Result.Done) {
            lastWasOk = false;
            return true;
        }
        if (r instanceof Result.Text t) {
            out.text(t.text());
            lastWasOk = false;
            return true;
        }
        if (r instanceof Result.CmsFailure f) {
            out.cmsError(f.code());
            finish(null);
            return false;
        }
        if (r instanceof Result.Error e) {
            out.error(e.cmeCode());
            finish(null);
            return false;
        }
        throw new IllegalStateException("unexpected result " + r);
    }

    private void finish(ResultCode code) {
        if (code != null) {
            out.result(code);
        }
        running = false;
        commands = List.of();
        onLineDone.run();
    }
}
