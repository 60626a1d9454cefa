package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** STFT and mel filterbank against float64 references written out from their textbook definitions. */
class SpectralTest {
    @Test
    void stftMatchesADirectDft() {
        int nFft = 64;
        int hop = 16;
        float[] x = new float[200];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[][] got = new Spectrogram(nFft, hop).magnitudes(x);
        assertEquals(x.length / hop + 1, got.length);
        for (int f = 0; f < got.length; f++) {
            for (int k = 0; k <= nFft / 2; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < nFft; n++) {
                    int i = f * hop - nFft / 2 + n;
                    int j = i < 0 ? -i : i >= x.length ? 2 * (x.length - 1) - i : i; // reflect padding
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
                    re += x[j] * w * Math.cos(2 * Math.PI * k * n / nFft);
                    im -= x[j] * w * Math.sin(2 * Math.PI * k * n / nFft);
                }
                assertEquals(Math.hypot(re, im), got[f][k], 1e-4 * (1 + Math.hypot(re, im)), "frame " + f + " bin " + k);
            }
        }
    }

    @Test
    void melFilterbankMatchesTheHtkTriangles() {
        int sr = 24000;
        int nFft = 2048;
        int mels = 64;
        MelFilterbank fb = new MelFilterbank(sr, nFft, mels, 0, 12000);
        assertEquals(1000.0, MelFilterbank.hzToMel(1000), 0.05, "HTK: 1 kHz is about 1000 mel");
        assertEquals(440.0, MelFilterbank.melToHz(MelFilterbank.hzToMel(440)), 1e-9);
        double melMax = 2595 * Math.log10(1 + 12000 / 700.0);
        for (int m = 0; m < mels; m++) {
            double lo = 700 * (Math.pow(10, melMax * m / (mels + 1) / 2595) - 1);
            double mid = 700 * (Math.pow(10, melMax * (m + 1) / (mels + 1) / 2595) - 1);
            double hi = 700 * (Math.pow(10, melMax * (m + 2) / (mels + 1) / 2595) - 1);
            for (int k = 0; k <= nFft / 2; k++) {
                double f = k * 12000.0 / (nFft / 2);
                double expected = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                assertEquals(expected, fb.weight(m, k), 1e-12, "mel " + m + " bin " + k);
            }
        }
        float[] flat = fb.toFloatMatrix();
        assertEquals(mels * (nFft / 2 + 1), flat.length);
    }

    @Test
    void smallFftsLeaveSomeBandsEmptyLikeTorchaudio() {
        MelFilterbank fb = new MelFilterbank(24000, 64, 64, 0, 12000);
        int empty = 0;
        for (int m = 0; m < 64; m++) {
            double sum = 0;
            for (int k = 0; k < fb.bins(); k++) {
                sum += fb.weight(m, k);
            }
            if (sum == 0) {
                empty++;
            }
        }
        assertTrue(empty > 0 && empty < 64, empty + " empty bands");
    }
}
