package dev.sim800emu.modem.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, made to remember what it reports so that a test can fail on it. Netty
 * only logs a leak, from whatever thread next allocates a buffer after the garbage collector found
 * the lost one, so a log line alone would pass every test. The modem's surefire configuration
 * installs this class for every detector ({@code io.netty.customResourceLeakDetector}) and sets
 * the level to PARANOID, so every buffer is tracked; {@link LeakCheckExtension} fails the test class
 * during which a leak is reported, and {@link #collectAndAssertNone()} forces the question.
 */
public class LeakRecorder<T> extends ResourceLeakDetector<T> {
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    public LeakRecorder(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public LeakRecorder(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Whether Netty picked this class up (the test runs with the surefire configuration). */
    public static boolean installed() {
        return System.getProperty("io.netty.customResourceLeakDetector", "").equals(LeakRecorder.class.getName())
                && ResourceLeakDetector.getLevel() == Level.PARANOID;
    }

    @Override
    protected boolean needReport() {
        return true; // whatever the log level: the record is what fails the test
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (no records)");
        super.reportUntracedLeak(resourceType);
    }

    /** The leaks reported so far, removed from the record. */
    public static List<String> drain() {
        List<String> r = new ArrayList<>();
        String s;
        while ((s = LEAKS.poll()) != null) {
            r.add(s);
        }
        return r;
    }

    /**
     * Makes lost buffers reportable now: collects garbage, then allocates (each tracked allocation
     * polls the detector's reference queue), and fails if anything was reported.
     */
    public static void collectAndAssertNone() {
        collectAndAssertNone(3);
    }

    /** {@link #collectAndAssertNone()} with {@code rounds} collections. */
    public static void collectAndAssertNone(int rounds) {
        for (int round = 0; round < rounds; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the reference handler enqueues the collected buffers' trackers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (int i = 0; i < 64; i++) {
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer(16);
                b.release();
                ByteBuf h = ByteBufAllocator.DEFAULT.heapBuffer(16);
                h.release();
            }
        }
        assertNone();
    }

    /** Fails if a leak has been reported since the last check. */
    public static void assertNone() {
        List<String> leaks = drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported:\n" + String.join("\n", leaks));
        }
    }
}
