package io.github.soundstream.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of repeated timings. */
public record Stats(double median, double min, double max, int runs) {
    public static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return new Stats(v[v.length / 2], v[0], v[v.length - 1], v.length);
    }

    /** The same figures as × real time for {@code audioSeconds} of audio. */
    public Stats realTime(double audioSeconds) {
        return new Stats(audioSeconds / median, audioSeconds / max, audioSeconds / min, runs);
    }

    public String format(String unit) {
        return String.format(Locale.ROOT, "%.2f%s (%.2f–%.2f, %d runs)", median, unit, min, max, runs);
    }
}
