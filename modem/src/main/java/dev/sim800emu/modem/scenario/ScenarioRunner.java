package dev.sim800emu.modem.scenario;

import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.time.ModemClock;

/**
 * Plays a {@link Scenario} against one modem, sans I/O: time from the modem's {@link ModemClock},
 * the serial line as bytes fed in ({@link #fromHost}, {@link #fromModem}), commands to a
 * {@link ControlTarget}; everything on the modem's thread. Steps run one after the other: a step
 * is armed when the one before it has acted, so {@code after} counts from it and a {@code when}
 * only sees lines that come later. A step always acts from a timer, never from inside the call
 * that delivered a line, so the modem is never re-entered while it reads or writes.
 */
public final class ScenarioRunner {
    private final Scenario scenario;
    private final ModemClock clock;
    private final ControlTarget target;
    private final ScenarioListener listener;
    private final LineWatcher host = new LineWatcher(line -> heard(line, true));
    private final LineWatcher modem = new LineWatcher(line -> heard(line, false));

    private long startMillis = -1;
    private int next;
    /** The step waiting for a line, or null. */
    private Step waiting;
    private ModemClock.Timer timer;
    private boolean stopped;

    public ScenarioRunner(Scenario scenario, ModemClock clock, ControlTarget target, ScenarioListener listener) {
        this.scenario = scenario;
        this.clock = clock;
        this.target = target;
        this.listener = listener;
    }

    /** Starts the scenario's clock and arms the first step; a second call does nothing. */
    public void start() {
        if (startMillis >= 0 || stopped) {
            return;
        }
        startMillis = clock.nowMillis();
        arm();
    }

    /** Stops: no further step acts. */
    public void stop() {
        stopped = true;
        waiting = null;
        if (timer != null) {
            timer.cancel();
        }
    }

    public boolean finished() {
        return next >= scenario.steps().size() && waiting == null && timer == null;
    }

    public void fromHost(byte[] bytes, int off, int len) {
        host.feed(bytes, off, len);
    }

    public void fromModem(byte[] bytes, int off, int len) {
        modem.feed(bytes, off, len);
    }

    private void arm() {
        if (stopped) {
            return;
        }
        if (next >= scenario.steps().size()) {
            listener.finished();
            return;
        }
        Step step = scenario.steps().get(next++);
        Trigger t = step.trigger();
        if (t instanceof Trigger.At at) {
            schedule(step, Math.max(0, startMillis + at.millis() - clock.nowMillis()));
        } else if (t instanceof Trigger.After after) {
            schedule(step, after.millis());
        } else {
            waiting = step;
        }
    }

    private void heard(String line, boolean fromHost) {
        Step step = waiting;
        if (step == null) {
            return;
        }
        Trigger t = step.trigger();
        boolean match = fromHost
                ? t instanceof Trigger.HostSays h && line.contains(h.text())
                : t instanceof Trigger.ModemSays m && line.contains(m.text());
        if (match) {
            waiting = null;
            schedule(step, step.delayMillis());
        }
    }

    private void schedule(Step step, long delayMillis) {
        timer = clock.schedule(delayMillis, () -> {
            timer = null;
            act(step);
            arm();
        });
    }

    /** Carries out the step; whatever the modem says, the scenario goes on. */
    private void act(Step step) {
        if (stopped) {
            return;
        }
        try {
            target.apply(step.command());
            listener.applied(step);
        } catch (ControlException e) {
            listener.refused(step, e.getMessage());
        } catch (RuntimeException e) {
            // A port that cannot do it (UnsupportedOperationException) or a bug: reported, and the
            // modem and the scenario carry on.
            listener.refused(step, String.valueOf(e.getMessage()));
        }
    }
}
