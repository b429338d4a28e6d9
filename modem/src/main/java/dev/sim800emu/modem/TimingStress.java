package dev.sim800emu.modem;

import dev.sim800emu.modem.adversary.StressTiming;
import dev.sim800emu.modem.adversary.TimingAdversary;
import dev.sim800emu.modem.time.ModemClock;

/**
 * The engine's side of {@code --stress-timing}: the worst legal moment for what the modem prints.
 * Off (the default) it changes nothing. On, with a seeded {@link TimingAdversary} deciding:
 *
 * <ul>
 *   <li>Notices (URCs) wait until the host starts typing its next command line and go out right
 *       before the echo of its first byte, so they cross that command on the wire, as they do on
 *       a chip whose notices come whenever the network says. A notice no command line comes for
 *       goes out after the hold limit, so a host that waits for one still gets it.</li>
 *   <li>A line's final result comes late: the line counts as running (type-ahead waits, notices
 *       queue) until the delay is over, and what it printed is held until then.</li>
 *   <li>The boot URCs come late ({@link #bootDelay}).</li>
 * </ul>
 */
final class TimingStress {
    private final ModemEngine modem;
    private TimingAdversary adversary;
    /** What finishes the current line once its delayed result may go; null when none waits. */
    private Runnable finishing;
    private ModemClock.Timer resultTimer;
    /** Queued notices wait for the host's next command line (or the hold timer). */
    private boolean holding;
    private ModemClock.Timer holdTimer;

    TimingStress(ModemEngine modem) {
        this.modem = modem;
    }

    /** Turns the adversary on with {@code timing}, or off with null; what it holds is let go. */
    void set(StressTiming timing) {
        release();
        adversary = timing == null ? null : new TimingAdversary(timing);
    }

    StressTiming timing() {
        return adversary == null ? null : adversary.limits();
    }

    /**
     * The line's final result has been printed: returns true when it is held back, in which case
     * {@code done} runs when it may go.
     */
    boolean deferResult(Runnable done) {
        if (adversary == null) {
            return false;
        }
        long delay = adversary.resultDelay();
        if (delay == 0) {
            return false;
        }
        finishing = done;
        resultTimer = modem.clock().schedule(delay, this::resultDue);
        return true;
    }

    private void resultDue() {
        resultTimer = null;
        Runnable done = finishing;
        finishing = null;
        if (done != null) {
            done.run();
        }
    }

    /** A line's result is held back: the line is not over for the host yet. */
    boolean resultHeld() {
        return finishing != null;
    }

    /** Output stays put while a result is held back. */
    boolean holdsOutput() {
        return finishing != null;
    }

    /** A notice is being queued: true when it must wait for the host (starting the wait). */
    boolean holdUrc() {
        if (adversary == null) {
            return false;
        }
        if (!holding) {
            holding = true;
            holdTimer = modem.clock().schedule(adversary.urcHold(), () -> {
                holdTimer = null;
                holding = false;
            });
        }
        return true;
    }

    /** Notices are held for the host's next command line. */
    boolean holdsUrcs() {
        return holding;
    }

    /** The host typed the first byte of a command line: held notices go out now, before its echo. */
    void lineStarts() {
        if (holding) {
            stopHolding();
            modem.output.releaseUrcs();
        }
    }

    /** How much later than the configured boot time the boot URCs come. */
    long bootDelay() {
        return adversary == null ? 0 : adversary.bootDelay();
    }

    /** Power loss or the adversary changes: nothing is held any more. */
    void reset() {
        stopHolding();
        if (resultTimer != null) {
            resultTimer.cancel();
            resultTimer = null;
        }
        finishing = null;
    }

    /** Lets go of what is held: a held result finishes now, held notices may go. */
    private void release() {
        stopHolding();
        if (resultTimer != null) {
            resultTimer.cancel();
            resultDue();
        }
    }

    private void stopHolding() {
        holding = false;
        if (holdTimer != null) {
            holdTimer.cancel();
            holdTimer = null;
        }
    }
}
