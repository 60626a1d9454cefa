package io.github.soundstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.MelFilterbank;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each metric against a float64 reference written out from its definition (direct DFT, explicit loops). */
class MetricsTest {
    private static final int N = 3000;
    private static final float[] X = signal(1, 1.0);
    private static final float[] Y = noisy(X, 2, 0.3);

    private static float[] signal(long seed, double amp) {
        Random r = new Random(seed);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (amp * (Math.sin(i * 0.05) + 0.3 * r.nextGaussian()));
        }
        return x;
    }

    private static float[] noisy(float[] x, long seed, double level) {
        Random r = new Random(seed);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (0.8 * x[i] + level * r.nextGaussian());
        }
        return y;
    }

    /** |STFT| by direct DFT: periodic Hann, centre framing with reflect padding. */
    private static double[][] dft(float[] x, int nFft, int hop) {
        int frames = x.length / hop + 1;
        double[][] out = new double[frames][nFft / 2 + 1];
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k <= nFft / 2; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < nFft; n++) {
                    int i = f * hop - nFft / 2 + n;
                    int j = i < 0 ? -i : i >= x.length ? 2 * (x.length - 1) - i : i;
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
                    re += x[j] * w * Math.cos(2 * Math.PI * k * n / nFft);
                    im -= x[j] * w * Math.sin(2 * Math.PI * k * n / nFft);
                }
                out[f][k] = Math.hypot(re, im);
            }
        }
        return out;
    }

    @Test
    void snrAndSiSnr() {
        double s = 0;
        double e = 0;
        for (int i = 0; i < N; i++) {
            s += (double) X[i] * X[i];
            e += ((double) X[i] - Y[i]) * ((double) X[i] - Y[i]);
        }
        assertEquals(10 * Math.log10(s / e), Metrics.snr(X, Y), 1e-9);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < N; i++) {
            mx += X[i];
            my += Y[i];
        }
        mx /= N;
        my /= N;
        double dot = 0;
        double xx = 0;
        for (int i = 0; i < N; i++) {
            dot += (X[i] - mx) * (Y[i] - my);
            xx += (X[i] - mx) * (X[i] - mx);
        }
        double t = 0;
        double err = 0;
        for (int i = 0; i < N; i++) {
            double target = dot / xx * (X[i] - mx);
            t += target * target;
            err += (Y[i] - my - target) * (Y[i] - my - target);
        }
        assertEquals(10 * Math.log10(t / err), Metrics.siSnr(X, Y), 1e-9);
        float[] scaled = X.clone();
        for (int i = 0; i < N; i++) {
            scaled[i] *= 0.25f;
        }
        assertTrue(Metrics.siSnr(X, scaled) > 100, "scale-invariant");
        assertTrue(Metrics.snr(X, scaled) < 3, "plain SNR is not");
    }

    @Test
    void spectralConvergenceAndLogSpectralDistance() {
        double[][] a = dft(X, 1024, 256);
        double[][] b = dft(Y, 1024, 256);
        double num = 0;
        double den = 0;
        double lsd = 0;
        for (int f = 0; f < a.length; f++) {
            double s = 0;
            for (int k = 0; k < a[f].length; k++) {
                num += (a[f][k] - b[f][k]) * (a[f][k] - b[f][k]);
                den += a[f][k] * a[f][k];
                double d = 10 * Math.log10(a[f][k] * a[f][k] + 1e-10) - 10 * Math.log10(b[f][k] * b[f][k] + 1e-10);
                s += d * d;
            }
            lsd += Math.sqrt(s / a[f].length);
        }
        assertEquals(Math.sqrt(num / den), Metrics.spectralConvergence(X, Y), 1e-4);
        assertEquals(lsd / a.length, Metrics.logSpectralDistance(X, Y), 1e-3);
    }

    @Test
    void melAndMultiResolutionStftDistance() {
        double[][] a = dft(X, 1024, 256);
        double[][] b = dft(Y, 1024, 256);
        MelFilterbank fb = new MelFilterbank(24000, 1024, 80, 0, 12000);
        double mel = 0;
        for (int f = 0; f < a.length; f++) {
            for (int m = 0; m < 80; m++) {
                double ma = 0;
                double mb = 0;
                for (int k = 0; k < a[f].length; k++) {
                    ma += fb.weight(m, k) * a[f][k] * a[f][k];
                    mb += fb.weight(m, k) * b[f][k] * b[f][k];
                }
                mel += Math.abs(Math.log(ma + 1e-10) - Math.log(mb + 1e-10));
            }
        }
        assertEquals(mel / (a.length * 80), Metrics.melDistance(X, Y, 24000), 1e-4);
        double mr = 0;
        for (int[] r : new int[][] {{512, 128}, {1024, 256}, {2048, 512}}) {
            double[][] p = dft(X, r[0], r[1]);
            double[][] q = dft(Y, r[0], r[1]);
            double num = 0;
            double den = 0;
            double log = 0;
            int n = 0;
            for (int f = 0; f < p.length; f++) {
                for (int k = 0; k < p[f].length; k++) {
                    num += (p[f][k] - q[f][k]) * (p[f][k] - q[f][k]);
                    den += p[f][k] * p[f][k];
                    log += Math.abs(Math.log(p[f][k] + 1e-7) - Math.log(q[f][k] + 1e-7));
                    n++;
                }
            }
            mr += Math.sqrt(num / den) + log / n;
        }
        assertEquals(mr / 3, Metrics.multiResolutionStftDistance(X, Y), 1e-4);
        assertEquals(0, Metrics.multiResolutionStftDistance(X, X), 1e-12);
    }

    @Test
    void codebookUsage() {
        CodebookUsage u = CodebookUsage.of(new int[] {0, 0, 1, 1, 2, 2, 3, 3}, 16);
        assertEquals(4, u.used());
        assertEquals(4, u.perplexity(), 1e-12, "uniform over 4 codes");
        assertEquals(1, CodebookUsage.of(new int[] {5, 5, 5}, 16).perplexity(), 1e-12);
    }
}
