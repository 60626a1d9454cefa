package io.github.soundstream.tensorboard;

import java.util.Arrays;

/**
 * Equal-width buckets over the finite values' real range, in TensorBoard's HistogramProto terms: bucket i holds
 * values in (limit[i-1], limit[i]], and {@code bucketLimits} and {@code bucketCounts} have the same length.
 * Non-finite values are counted apart ({@link #nonFinite()}) and left out, since TensorBoard cannot bin them.
 */
record Histogram(double min, double max, double count, double sum, double sumSquares, double[] bucketLimits,
        double[] bucketCounts, long nonFinite) {
    static final int DEFAULT_BUCKETS = 30;

    static Histogram of(float[] values, int buckets) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSquares = 0;
        long n = 0;
        long nonFinite = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                nonFinite++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSquares += (double) v * v;
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("histogram of no finite values");
        }
        int k = min == max ? 1 : buckets;
        double width = (max - min) / k;
        double[] limits = new double[k];
        for (int i = 0; i < k; i++) {
            limits[i] = i == k - 1 ? max : min + (i + 1) * width;
        }
        double[] counts = new double[k];
        for (float v : values) {
            if (Float.isFinite(v)) {
                int i = width == 0 ? 0 : (int) Math.ceil((v - min) / width) - 1;
                counts[Math.max(0, Math.min(k - 1, i))]++;
            }
        }
        return new Histogram(min, max, n, sum, sumSquares, limits, counts, nonFinite);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && min == h.min && max == h.max && count == h.count
                && Arrays.equals(bucketLimits, h.bucketLimits) && Arrays.equals(bucketCounts, h.bucketCounts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bucketCounts);
    }

    @Override
    public String toString() {
        return "Histogram[n=" + count + ", min=" + min + ", max=" + max + "]";
    }
}
