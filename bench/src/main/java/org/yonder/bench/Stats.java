package org.yonder.bench;

import java.util.Arrays;

/** Median and p99 as WORKLOADS.md defines them: middle sample (mean of the two middle ones), nearest-rank p99. */
record Stats(double medianMicros, double p99Micros, int n) {
    static Stats of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        long p99 = s[Math.max(1, (int) Math.ceil(0.99 * n)) - 1];
        return new Stats(median / 1000.0, p99 / 1000.0, n);
    }
}
