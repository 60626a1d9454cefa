package io.github.soundstream.metrics;

import io.github.soundstream.audio.MelFilterbank;
import io.github.soundstream.audio.Spectrogram;

/**
 * Objective distances between a reference x and a reconstruction y of the same length, in double precision.
 * Definitions (each checked against a float64 reference of the formula in the tests):
 * <ul>
 * <li>SNR = 10·log10(Σx² / Σ(x−y)²) dB</li>
 * <li>SI-SNR: x, y made zero-mean; s = (⟨y,x⟩/‖x‖²)·x; SI-SNR = 10·log10(‖s‖² / ‖y−s‖²) dB</li>
 * <li>spectral convergence = ‖|X|−|Y|‖_F / ‖|X|‖_F (STFT 1024/256, Hann)</li>
 * <li>log-spectral distance = mean over frames of √(mean over bins of (10·log10(|X|²+ε) − 10·log10(|Y|²+ε))²), dB</li>
 * <li>mel distance = mean |ln(M_x+ε) − ln(M_y+ε)| over 80 HTK mel bands of the 1024/256 power spectrogram</li>
 * <li>multi-resolution STFT distance = mean over (512/128, 1024/256, 2048/512) of
 *     spectral convergence + mean |ln|X| − ln|Y||</li>
 * </ul>
 * with ε = 1e-10 (1e-7 for magnitudes).
 */
public final class Metrics {
    private static final double EPS = 1e-10;
    private static final double MAG_EPS = 1e-7;
    private static final int[][] RESOLUTIONS = {{512, 128}, {1024, 256}, {2048, 512}};

    private Metrics() {
    }

    public static double snr(float[] x, float[] y) {
        check(x, y);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            signal += (double) x[i] * x[i];
            double d = (double) x[i] - y[i];
            noise += d * d;
        }
        return 10 * Math.log10(Math.max(signal, EPS) / Math.max(noise, EPS));
    }

    public static double siSnr(float[] x, float[] y) {
        check(x, y);
        double mx = mean(x);
        double my = mean(y);
        double dot = 0;
        double xx = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (y[i] - my) * (x[i] - mx);
            xx += (x[i] - mx) * (x[i] - mx);
        }
        double alpha = dot / Math.max(xx, EPS);
        double target = 0;
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            double s = alpha * (x[i] - mx);
            double e = (y[i] - my) - s;
            target += s * s;
            error += e * e;
        }
        return 10 * Math.log10(Math.max(target, EPS) / Math.max(error, EPS));
    }

    public static double spectralConvergence(float[] x, float[] y) {
        return spectralConvergence(stft(x, 1024, 256), stft(y, 1024, 256));
    }

    public static double logSpectralDistance(float[] x, float[] y) {
        float[][] a = stft(x, 1024, 256);
        float[][] b = stft(y, 1024, 256);
        double total = 0;
        for (int f = 0; f < a.length; f++) {
            double s = 0;
            for (int k = 0; k < a[f].length; k++) {
                double d = 10 * Math.log10((double) a[f][k] * a[f][k] + EPS)
                        - 10 * Math.log10((double) b[f][k] * b[f][k] + EPS);
                s += d * d;
            }
            total += Math.sqrt(s / a[f].length);
        }
        return total / a.length;
    }

    public static double melDistance(float[] x, float[] y, int sampleRate) {
        MelFilterbank fb = new MelFilterbank(sampleRate, 1024, 80, 0, sampleRate / 2.0);
        float[][] a = stft(x, 1024, 256);
        float[][] b = stft(y, 1024, 256);
        double total = 0;
        long n = 0;
        for (int f = 0; f < a.length; f++) {
            for (int m = 0; m < fb.melBands(); m++) {
                double ma = 0;
                double mb = 0;
                for (int k = 0; k < fb.bins(); k++) {
                    double w = fb.weight(m, k);
                    if (w != 0) {
                        ma += w * a[f][k] * a[f][k];
                        mb += w * b[f][k] * b[f][k];
                    }
                }
                total += Math.abs(Math.log(ma + EPS) - Math.log(mb + EPS));
                n++;
            }
        }
        return total / n;
    }

    public static double multiResolutionStftDistance(float[] x, float[] y) {
        double total = 0;
        for (int[] r : RESOLUTIONS) {
            float[][] a = stft(x, r[0], r[1]);
            float[][] b = stft(y, r[0], r[1]);
            double logDiff = 0;
            long n = 0;
            for (int f = 0; f < a.length; f++) {
                for (int k = 0; k < a[f].length; k++) {
                    logDiff += Math.abs(Math.log(a[f][k] + MAG_EPS) - Math.log(b[f][k] + MAG_EPS));
                    n++;
                }
            }
            total += spectralConvergence(a, b) + logDiff / n;
        }
        return total / RESOLUTIONS.length;
    }

    private static double spectralConvergence(float[][] a, float[][] b) {
        double num = 0;
        double den = 0;
        for (int f = 0; f < a.length; f++) {
            for (int k = 0; k < a[f].length; k++) {
                double d = (double) a[f][k] - b[f][k];
                num += d * d;
                den += (double) a[f][k] * a[f][k];
            }
        }
        return Math.sqrt(num) / Math.sqrt(Math.max(den, EPS));
    }

    static float[][] stft(float[] x, int nFft, int hop) {
        return new Spectrogram(nFft, hop).magnitudes(x);
    }

    private static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static void check(float[] x, float[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("signals must be non-empty and of equal length: " + x.length
                    + " vs " + y.length);
        }
    }
}
