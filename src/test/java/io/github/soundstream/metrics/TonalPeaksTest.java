package io.github.soundstream.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tonal peak F1 and steady lines: against a float64 reference of the peak picking, and on known cases. */
class TonalPeaksTest {
    private static final int RATE = 24000;

    /**
     * Sines (Hz, amplitude) over white noise, {@code seconds} long. The noise puts a 0.3 tone about 41 dB above the
     * frames' median, as in a field recording, so the window's sidelobes (31 dB down) stay under the 12 dB bar.
     */
    private static float[] tones(double seconds, long seed, double... hzAndAmplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            double v = 0.042 * r.nextGaussian();
            for (int t = 0; t < hzAndAmplitude.length; t += 2) {
                v += hzAndAmplitude[t + 1] * Math.sin(2 * Math.PI * hzAndAmplitude[t] * i / RATE);
            }
            x[i] = (float) v;
        }
        return x;
    }

    @Test
    void peaksAgreeWithAFloat64Reference() {
        float[] x = tones(0.5, 1, 1500, 0.3, 3100, 0.1, 6200, 0.05);
        boolean[][] fast = TonalPeaks.peaks(x, RATE);
        boolean[][] reference = referencePeaks(x, 2048, 512);
        assertEquals(reference.length, fast.length);
        for (int f = 0; f < fast.length; f++) {
            assertArrayEquals(reference[f], fast[f], "frame " + f);
        }
        for (int f = 2; f < fast.length - 2; f++) { // away from the reflected edges
            for (double hz : new double[] {1500, 3100, 6200}) {
                int k = (int) Math.round(hz * 2048 / RATE);
                assertEquals(true, fast[f][k - 1] || fast[f][k] || fast[f][k + 1], hz + " Hz in frame " + f);
            }
        }
    }

    @Test
    void theScoreOfKeptDroppedAddedAndShiftedPeaks() {
        boolean[][] two = grid(100, 300);
        assertEquals(1.0, TonalPeaks.f1(two, two), 1e-12, "kept");
        assertEquals(2.0 / 3, TonalPeaks.f1(two, grid(100)), 1e-12, "one of two dropped: recall 1/2, precision 1");
        assertEquals(2.0 / 3, TonalPeaks.f1(grid(100), two), 1e-12, "one added: recall 1, precision 1/2");
        assertEquals(1.0, TonalPeaks.f1(two, grid(102, 298)), 1e-12, "two bins off: within tolerance");
        assertEquals(0.0, TonalPeaks.f1(two, grid(103, 297)), 1e-12, "three bins off: lost, and two added");
        assertEquals(1.0, TonalPeaks.f1(grid(), grid()), 1e-12, "nothing to keep, nothing added");
        assertEquals(0.0, TonalPeaks.f1(grid(), two), 1e-12, "only added");
    }

    @Test
    void onAudioADroppedOrShiftedToneLowersTheScore() {
        float[] two = tones(1, 2, 1500, 0.3, 4000, 0.1);
        assertEquals(1.0, TonalPeaks.f1(two, two, RATE), 1e-12);
        double dropped = TonalPeaks.f1(two, tones(1, 2, 1500, 0.3), RATE);
        double shifted = TonalPeaks.f1(two, tones(1, 2, 1580, 0.3, 4080, 0.1), RATE); // about 7 bins off
        double nearby = TonalPeaks.f1(two, tones(1, 2, 1511.7, 0.3, 3988.3, 0.1), RATE); // one bin off
        assertTrue(dropped > 0.5 && dropped < 0.85, "dropped " + dropped);
        assertTrue(shifted < dropped && nearby > 0.9, "shifted " + shifted + ", nearby " + nearby);
    }

    /** Ten frames with peaks at {@code bins} (of 1,025). */
    private static boolean[][] grid(int... bins) {
        boolean[][] g = new boolean[10][1025];
        for (boolean[] frame : g) {
            for (int k : bins) {
                frame[k] = true;
            }
        }
        return g;
    }

    @Test
    void aCombAtTheFrameRateIsCountedAsSteadyLines() {
        float[] bird = new float[RATE];
        for (int i = 0; i < bird.length; i++) {
            double hz = 3000 + 2000 * Math.sin(2 * Math.PI * 1.5 * i / RATE); // a sweeping whistle
            bird[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE) + 0.001 * Math.sin(i * 1.7));
        }
        float[] combed = bird.clone();
        for (int i = 0; i < combed.length; i++) {
            combed[i] += (float) (0.02 * Math.sin(2 * Math.PI * 375 * i / RATE) + 0.02 * Math.sin(2 * Math.PI * 450
                    * i / RATE)); // 5 and 6 × the 75 Hz frame rate
        }
        assertEquals(0, TonalPeaks.steadyLines(bird, bird, RATE));
        assertEquals(2, TonalPeaks.steadyLines(bird, combed, RATE));
        assertEquals(0, TonalPeaks.steadyLines(combed, combed, RATE), "lines the original has are not added");
        TonalPeaks.Comparison both = TonalPeaks.compare(bird, combed, RATE);
        assertEquals(TonalPeaks.f1(bird, combed, RATE), both.f1(), "one peak picking, the same figures");
        assertEquals(2, both.steadyLines());
    }

    @Test
    void toneLevelAgreesWithAFloat64Reference() {
        float[] original = tones(0.5, 1, 1500, 0.3, 3100, 0.1, 6200, 0.05);
        float[] decoded = tones(0.5, 2, 1500, 0.1, 3100, 0.05, 6200, 0.05);
        double fast = TonalPeaks.compare(original, decoded, RATE).toneLevelDb();
        assertEquals(referenceToneLevel(original, decoded, 2048, 512), fast, 1e-3);
        assertEquals(-9.54, fast, 0.3, "the strongest tone, at 1.5 kHz, comes back at a third of its amplitude");
    }

    @Test
    void toneLevelOfKeptWeakenedDroppedAndAbsentTones() {
        float[] original = tones(1, 1, 1500, 0.3, 3100, 0.1, 6200, 0.05);
        assertEquals(0.0, TonalPeaks.compare(original, original, RATE).toneLevelDb(), 1e-12, "kept whole");
        float[] halved = tones(1, 3, 1500, 0.15, 3100, 0.05, 6200, 0.025);
        assertEquals(-6.02, TonalPeaks.compare(original, halved, RATE).toneLevelDb(), 0.3,
                "every tone at half its amplitude, under new noise");
        float[] noiseOnly = tones(1, 4);
        assertTrue(TonalPeaks.compare(original, noiseOnly, RATE).toneLevelDb() < -25,
                "dropped: only the noise floor is left where the tones were");
        float[] silence = new float[original.length];
        assertTrue(Double.isNaN(TonalPeaks.compare(silence, original, RATE).toneLevelDb()),
                "an original without tones has no tone level");
    }

    @Test
    void theWindowKeepsItsDurationAtOtherRates() {
        assertEquals(2048, TonalPeaks.fftSize(24000));
        assertEquals(4096, TonalPeaks.fftSize(48000));
        assertEquals(1024, TonalPeaks.fftSize(16000));
        assertEquals(512, TonalPeaks.fftSize(8000));
    }

    /** The same peak picking on a float64 DFT (periodic Hann, centred frames with reflect padding). */
    private static boolean[][] referencePeaks(float[] x, int n, int hop) {
        double[][] db = referenceDb(x, n, hop);
        double loudest = java.util.Arrays.stream(db).flatMapToDouble(java.util.Arrays::stream).max().orElseThrow();
        int frames = db.length;
        int bins = n / 2 + 1;
        boolean[][] out = new boolean[frames][bins];
        for (int f = 0; f < frames; f++) {
            double[] sorted = db[f].clone();
            java.util.Arrays.sort(sorted);
            double floor = (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            for (int k = 1; k < bins - 1; k++) {
                out[f][k] = db[f][k] > db[f][k - 1] && db[f][k] >= db[f][k + 1] && db[f][k] >= floor + 12
                        && db[f][k] >= loudest - 50;
            }
        }
        return out;
    }

    /** Median over frames of the decoded's loudest bin within ±2 of the strongest peak minus it, float64 DFTs. */
    private static double referenceToneLevel(float[] original, float[] decoded, int n, int hop) {
        boolean[][] peaks = referencePeaks(original, n, hop);
        double[][] a = referenceDb(original, n, hop);
        double[][] b = referenceDb(decoded, n, hop);
        java.util.List<Double> change = new java.util.ArrayList<>();
        for (int f = 0; f < peaks.length; f++) {
            int top = -1;
            for (int k = 0; k < peaks[f].length; k++) {
                if (peaks[f][k] && (top < 0 || a[f][k] > a[f][top])) {
                    top = k;
                }
            }
            if (top >= 0) {
                double level = Double.NEGATIVE_INFINITY;
                for (int j = Math.max(0, top - 2); j <= Math.min(b[f].length - 1, top + 2); j++) {
                    level = Math.max(level, b[f][j]);
                }
                change.add(level - a[f][top]);
            }
        }
        java.util.Collections.sort(change);
        int m = change.size();
        return m % 2 == 1 ? change.get(m / 2) : (change.get(m / 2 - 1) + change.get(m / 2)) / 2;
    }

    /** 20·log10 of a float64 DFT's magnitudes (periodic Hann, centred frames with reflect padding). */
    private static double[][] referenceDb(float[] x, int n, int hop) {
        int frames = x.length / hop + 1;
        int bins = n / 2 + 1;
        double[][] db = new double[frames][bins];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
        double[] frame = new double[n];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < n; i++) {
                int j = f * hop - n / 2 + i;
                int period = 2 * (x.length - 1);
                int m = Math.floorMod(j, period);
                frame[i] = x[m < x.length ? m : period - m] * w[i];
            }
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    int p = (int) ((long) k * i % n);
                    re += frame[i] * cos[p];
                    im -= frame[i] * sin[p];
                }
                db[f][k] = 20 * Math.log10(Math.hypot(re, im) + 1e-12);
            }
        }
        return db;
    }
}
