package io.github.soundstream.audio;

/**
 * The interpolation filter of {@link StreamingResampler}: a Kaiser-windowed sinc tabulated at every phase the
 * rational rate ratio can need, each phase normalised to unity DC gain.
 *
 * <p>Design: 32 zero crossings each side, Kaiser β = 8.6 (about −86 dB side lobes), cutoff at 91 % of the lower
 * Nyquist frequency, so the stop band starts before the new Nyquist frequency (a 13 kHz tone going from 44.1 to
 * 24 kHz is attenuated by more than 60 dB) while the pass band stays flat to about 90 %.
 */
final class KaiserSincFilter {
    static final int ZERO_CROSSINGS = 32;
    static final double BETA = 8.6;
    static final double ROLLOFF = 0.91;

    final int phases;
    final int halfTaps;
    private final float[][] table;

    /** @param up output rate / gcd, @param down input rate / gcd */
    KaiserSincFilter(int up, int down) {
        double cutoff = 0.5 * Math.min(1.0, up / (double) down) * ROLLOFF; // cycles per input sample
        double halfWidth = ZERO_CROSSINGS / (2 * cutoff); // input samples
        this.halfTaps = (int) Math.ceil(halfWidth);
        this.phases = up;
        this.table = new float[up][];
        for (int p = 0; p < up; p++) {
            table[p] = taps(p / (double) up, cutoff, halfWidth);
        }
    }

    float[] phase(int p) {
        return table[p];
    }

    /** Taps for output time t = base + frac applied to inputs base - halfTaps + 1 ... base + halfTaps. */
    private float[] taps(double frac, double cutoff, double halfWidth) {
        double[] h = new double[2 * halfTaps];
        double sum = 0;
        for (int k = 0; k < h.length; k++) {
            double x = frac + halfTaps - 1 - k; // t - m
            if (Math.abs(x) >= halfWidth) {
                continue;
            }
            double arg = 2 * cutoff * x;
            double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            double r = x / halfWidth;
            h[k] = 2 * cutoff * sinc * besselI0(BETA * Math.sqrt(1 - r * r)) / besselI0(BETA);
            sum += h[k];
        }
        float[] out = new float[h.length];
        for (int k = 0; k < h.length; k++) {
            out[k] = (float) (h[k] / sum);
        }
        return out;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
