package io.browserhub.bench;

import java.util.Arrays;
import java.util.List;

/** Median and p95 (nearest rank) of a set of samples, all in one unit. */
record Stats(int count, double median, double p95) {

    static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
        return new Stats(n, median, p95);
    }

    static Stats of(List<? extends Number> samples) {
        return of(samples.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Nanosecond durations as milliseconds. */
    static Stats ofNanosAsMillis(long[] nanos, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return of(ms);
    }

    /** One value that is both median and p95 (a single measurement such as memory). */
    static Stats single(double value) {
        return new Stats(1, value, value);
    }
}
