package io.github.soundstream.codec;

/**
 * The decoder's last stage: a one-pole high-pass at {@link #CUTOFF_HZ} that takes out the constant offset a trained
 * network leaves in its output. The mel loss does not see 0 Hz, so nothing in training holds the output's mean at
 * zero: at 120 CPU-minutes the offset carried a third of a decoded bird clip's power (docs/BENCHMARKS.md). Natural
 * sound has nothing to lose below 5 Hz. The recurrence runs sample by sample in double precision with its state
 * carried between calls, so any chunking gives the same samples.
 */
final class DcBlocker {
    static final double CUTOFF_HZ = 5;
    private final double pole;
    /** (1 + p) / 2: unit gain at the Nyquist frequency, within 0.001 dB from 100 Hz up. */
    private final double scale;
    private double lastIn;
    private double lastOut;

    DcBlocker(int sampleRate) {
        this.pole = Math.exp(-2 * Math.PI * CUTOFF_HZ / sampleRate);
        this.scale = (1 + pole) / 2;
    }

    /** Filters {@code samples} in place: y[n] = (1 + p) / 2 · (x[n] − x[n−1]) + p·y[n−1]. */
    void process(float[] samples) {
        double x1 = lastIn;
        double y1 = lastOut;
        for (int i = 0; i < samples.length; i++) {
            double x = samples[i];
            double y = scale * (x - x1) + pole * y1;
            samples[i] = (float) y;
            x1 = x;
            y1 = y;
        }
        lastIn = x1;
        lastOut = y1;
    }
}
