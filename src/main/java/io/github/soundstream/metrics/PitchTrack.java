package io.github.soundstream.metrics;

import io.github.soundstream.audio.StreamingResampler;

/**
 * A fundamental-frequency track by YIN (de Cheveigné and Kawahara, 2002), for whistles and calls: per frame the
 * difference function d(τ) = Σ (x_j − x_{j+τ})² over a window of {@value #WINDOW} samples, its cumulative-mean
 * normalisation d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k), the first τ whose d' dips below {@value #THRESHOLD} (followed down
 * to its minimum), refined by a parabola through d around it. A frame is voiced when such a dip exists and the
 * frame is within {@value #FLOOR_DB} dB of the clip's loudest. Frequencies from 100 Hz to 8 kHz are searched.
 *
 * <p>The signal is first resampled to twice its rate: a bird's whistle at 7.3 kHz lasts 3.3 samples at 24 kHz, and
 * no whole-sample lag comes near enough to its period for d' to dip (it was tracked a third too low); at twice the
 * rate the nearest lag is close enough up to 8 kHz. Window and hop are counted at that doubled rate (21 ms and
 * 10.7 ms at 24 kHz).
 *
 * <p>{@link #agreement} compares a decoded track with the original's as MIREX's raw pitch accuracy: the share of
 * the original's voiced frames in which the decoded frame is voiced within ±{@value #TOLERANCE_CENTS} cents.
 */
public final class PitchTrack {
    static final int WINDOW = 1024;
    static final int HOP = 512;
    static final double THRESHOLD = 0.15;
    static final double FLOOR_DB = 40;
    static final double TOLERANCE_CENTS = 50;
    static final double MAX_HZ = 8000;
    static final double MIN_HZ = 100;

    private PitchTrack() {
    }

    /** f0 in Hz per frame (every {@value #HOP} samples at twice the rate), 0 where unvoiced. */
    public static double[] track(float[] signal, int signalRate) {
        float[] x = doubled(signal, signalRate);
        int sampleRate = 2 * signalRate;
        int tauMin = Math.max(2, (int) Math.floor(sampleRate / MAX_HZ));
        int tauMax = (int) Math.ceil(sampleRate / MIN_HZ);
        int span = WINDOW + tauMax + 1;
        int frames = x.length < span ? 0 : (x.length - span) / HOP + 1;
        double[] f0 = new double[frames];
        double[] energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int j = 0; j < WINDOW; j++) {
                double v = x[f * HOP + j];
                e += v * v;
            }
            energy[f] = e;
            loudest = Math.max(loudest, e);
        }
        double floor = loudest * Math.pow(10, -FLOOR_DB / 10);
        double[] d = new double[tauMax + 2];
        for (int f = 0; f < frames; f++) {
            if (energy[f] <= floor || energy[f] == 0) {
                continue;
            }
            int start = f * HOP;
            for (int tau = 1; tau <= tauMax + 1; tau++) {
                double sum = 0;
                for (int j = 0; j < WINDOW; j++) {
                    double diff = x[start + j] - x[start + j + tau];
                    sum += diff * diff;
                }
                d[tau] = sum;
            }
            f0[f] = frequency(d, tauMin, tauMax, sampleRate);
        }
        return f0;
    }

    private static float[] doubled(float[] x, int rate) {
        float[] out = new float[2 * x.length];
        int[] n = {0};
        StreamingResampler.Sink sink = (samples, offset, length) -> {
            int take = Math.min(length, out.length - n[0]);
            System.arraycopy(samples, offset, out, n[0], take);
            n[0] += take;
        };
        StreamingResampler r = new StreamingResampler(rate, 2 * rate);
        r.process(x, 0, x.length, sink);
        r.finish(sink);
        return out;
    }

    /** The f0 the difference function {@code d} (index = lag) shows, or 0 when it shows no period. */
    static double frequency(double[] d, int tauMin, int tauMax, int sampleRate) {
        double running = 0;
        double[] normalised = new double[tauMax + 2];
        for (int tau = 1; tau <= tauMax + 1; tau++) {
            running += d[tau];
            normalised[tau] = running == 0 ? 1 : d[tau] * tau / running;
        }
        for (int tau = tauMin; tau <= tauMax; tau++) {
            if (normalised[tau] < THRESHOLD) {
                while (tau < tauMax && normalised[tau + 1] < normalised[tau]) {
                    tau++;
                }
                return sampleRate / refine(d, tau);
            }
        }
        return 0;
    }

    /** The lag of the minimum of the parabola through d at τ−1, τ, τ+1 (τ itself where that is flat). */
    private static double refine(double[] d, int tau) {
        double a = d[tau - 1];
        double b = d[tau];
        double c = d[tau + 1];
        double curvature = a - 2 * b + c;
        if (curvature <= 0) {
            return tau;
        }
        double shift = 0.5 * (a - c) / curvature;
        return tau + Math.max(-0.5, Math.min(0.5, shift));
    }

    /**
     * Raw pitch accuracy of {@code decoded} against {@code original}: the share of the original's voiced frames
     * where the decoded track is voiced within ±{@value #TOLERANCE_CENTS} cents; NaN when the original has no
     * voiced frame (a clip of wind has no pitch to keep).
     */
    public static double agreement(float[] original, float[] decoded, int sampleRate) {
        return agreement(track(original, sampleRate), track(decoded, sampleRate));
    }

    /** {@link #agreement(float[], float[], int)} of two tracks. */
    static double agreement(double[] a, double[] b) {
        int voiced = 0;
        int kept = 0;
        for (int f = 0; f < a.length; f++) {
            if (a[f] > 0) {
                voiced++;
                if (f < b.length && b[f] > 0 && Math.abs(1200 * Math.log(b[f] / a[f]) / Math.log(2))
                        <= TOLERANCE_CENTS) {
                    kept++;
                }
            }
        }
        return voiced == 0 ? Double.NaN : kept / (double) voiced;
    }
}
