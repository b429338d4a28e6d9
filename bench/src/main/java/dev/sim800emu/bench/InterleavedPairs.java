package dev.sim800emu.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two benchmark methods of one JMH state class measured in interleaved pairs:
 * {@code InterleavedPairs CLASS A B [PAIRS [MILLIS]] [PARAM=VALUE …]}, for example
 * {@code InterleavedPairs TransparentRelayBenchmark modemTransparent rawRelay 20 400 chunkBytes=16060}
 * (run it with the JVM options of the class's {@code @Fork}, e.g. {@code --add-exports
 * java.base/sun.nio.ch=ALL-UNNAMED} for the raw socket's send queue).
 *
 * <p>JMH runs every fork of one method, then every fork of the other. On a small shared machine
 * the rate of either drifts by a factor of two within a minute (other tenants, the scheduler's
 * placement of busy threads on two cores), so two sequential runs compare different conditions.
 * Here the state is set up once ({@code @Setup(Level.Trial)}, {@code @Param} fields from the
 * arguments or their first value) and the two methods run alternately in slices of {@code MILLIS}
 * (A then B, B then A, …) after three seconds of warm-up each; each adjacent pair gives one ratio
 * A / B of operations per second, and the median of those says what A costs against B far more
 * steadily. Prints every pair, then the medians and quartiles.
 */
public final class InterleavedPairs {
    private InterleavedPairs() {
    }

    public static void main(String[] args) {
        // As a JMH fork does: the rigs' event loops must not keep the process alive, on any path.
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: InterleavedPairs CLASS A B [PAIRS [MILLIS]] [PARAM=VALUE ...]");
            System.exit(2);
        }
        Class<?> type = Class.forName(args[0].contains(".") ? args[0] : "dev.sim800emu.bench." + args[0]);
        Method a = type.getMethod(args[1]);
        Method b = type.getMethod(args[2]);
        List<String> params = new ArrayList<>();
        int pairs = 20;
        long millis = 400;
        int positional = 0;
        for (int i = 3; i < args.length; i++) {
            if (args[i].contains("=")) {
                params.add(args[i]);
            } else if (positional++ == 0) {
                pairs = Integer.parseInt(args[i]);
            } else {
                millis = Long.parseLong(args[i]);
            }
        }
        Object state = type.getDeclaredConstructor().newInstance();
        String shown = setParams(type, state, params);
        lifecycle(type, state, Setup.class);
        try {
            slice(state, a, 3000);
            slice(state, b, 3000);
            System.out.printf("# InterleavedPairs class=%s a=%s b=%s pairs=%d slice=%d%s%n", type.getSimpleName(),
                    a.getName(), b.getName(), pairs, millis, shown);
            System.out.println("pair a_ops_s b_ops_s ratio");
            List<double[]> runs = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                boolean aFirst = p % 2 == 0;
                double first = slice(state, aFirst ? a : b, millis);
                double second = slice(state, aFirst ? b : a, millis);
                double ra = aFirst ? first : second;
                double rb = aFirst ? second : first;
                runs.add(new double[] {ra, rb, ra / rb});
                System.out.printf("%d %.0f %.0f %.3f%n", p + 1, ra, rb, ra / rb);
            }
            System.out.printf("median a_ops_s=%.0f b_ops_s=%.0f ratio=%.3f ratio_p25=%.3f ratio_p75=%.3f%n",
                    quantile(runs, 0, 0.5), quantile(runs, 1, 0.5), quantile(runs, 2, 0.5),
                    quantile(runs, 2, 0.25), quantile(runs, 2, 0.75));
        } finally {
            lifecycle(type, state, TearDown.class);
        }
    }

    /** Sets the {@code @Param} fields: from {@code NAME=VALUE} arguments, else their first value. */
    private static String setParams(Class<?> type, Object state, List<String> given) throws Exception {
        StringBuilder shown = new StringBuilder();
        for (Field f : type.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null) {
                continue;
            }
            String value = p.value().length > 0 ? p.value()[0] : null;
            for (String g : given) {
                if (g.startsWith(f.getName() + "=")) {
                    value = g.substring(f.getName().length() + 1);
                }
            }
            f.setAccessible(true);
            if (f.getType() == int.class) {
                f.setInt(state, Integer.parseInt(value));
            } else if (f.getType() == long.class) {
                f.setLong(state, Long.parseLong(value));
            } else if (f.getType() == boolean.class) {
                f.setBoolean(state, Boolean.parseBoolean(value));
            } else {
                f.set(state, value);
            }
            shown.append(' ').append(f.getName()).append('=').append(value);
        }
        return shown.toString();
    }

    /** Runs the trial-level {@code @Setup} or {@code @TearDown} methods. */
    private static void lifecycle(Class<?> type, Object state, Class<? extends java.lang.annotation.Annotation> kind)
            throws Throwable {
        for (Method m : type.getMethods()) {
            java.lang.annotation.Annotation an = m.getAnnotation(kind);
            Level level = an instanceof Setup s ? s.value() : an instanceof TearDown t ? t.value() : null;
            if (level == Level.Trial) {
                try {
                    m.invoke(state);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    /** Operations per second of one method over {@code millis}. */
    private static double slice(Object state, Method m, long millis) throws Throwable {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long ops = 0;
        long now;
        try {
            do {
                m.invoke(state);
                ops++;
                now = System.nanoTime();
            } while (now < end);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
        return ops * 1e9 / (now - start);
    }

    private static double quantile(List<double[]> runs, int column, double q) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
