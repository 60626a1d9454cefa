package io.github.soundstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchTrackTest {
    private static final int RATE = 24000;

    private static float[] tone(double hz, double seconds, double... harmonics) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            double v = 0.5 * Math.sin(2 * Math.PI * hz * i / RATE);
            for (int h = 0; h < harmonics.length; h++) {
                v += harmonics[h] * Math.sin(2 * Math.PI * hz * (h + 2) * i / RATE);
            }
            x[i] = (float) v;
        }
        return x;
    }

    private static double cents(double a, double b) {
        return 1200 * Math.log(a / b) / Math.log(2);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {150, 440, 1000, 3150, 5000, 7300})
    void aToneIsTrackedAtItsFrequencyInEveryFrame(double hz) {
        double[] f0 = PitchTrack.track(tone(hz, 1), RATE);
        assertTrue(f0.length > 80, "frames: " + f0.length);
        for (double f : f0) {
            assertTrue(Math.abs(cents(f, hz)) < 10, hz + " Hz tracked as " + f);
        }
    }

    @Test
    void aHarmonicCallIsTrackedAtItsFundamentalNotAnOvertone() {
        double[] f0 = PitchTrack.track(tone(300, 1, 0.6, 0.4, 0.3), RATE);
        assertTrue(Arrays.stream(f0).allMatch(f -> Math.abs(cents(f, 300)) < 10), Arrays.toString(f0));
    }

    @Test
    void noiseAndSilenceAreUnvoiced() {
        Random r = new Random(3);
        float[] noise = new float[RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.3 * r.nextGaussian());
        }
        double[] f0 = PitchTrack.track(noise, RATE);
        long voiced = Arrays.stream(f0).filter(f -> f > 0).count();
        assertTrue(voiced <= f0.length / 20, voiced + " of " + f0.length + " noise frames voiced");
        assertTrue(Arrays.stream(PitchTrack.track(new float[RATE], RATE)).allMatch(f -> f == 0));
        assertTrue(Double.isNaN(PitchTrack.agreement(noise, noise, RATE)), "no pitch in the original: no figure");
    }

    @Test
    void agreementCountsTheOriginalsVoicedFramesKeptWithinFiftyCents() {
        float[] whistle = tone(4000, 1);
        assertEquals(1.0, PitchTrack.agreement(whistle, whistle, RATE), 1e-12);
        assertEquals(1.0, PitchTrack.agreement(whistle, tone(4000 * Math.pow(2, 30 / 1200.0), 1), RATE), 1e-12,
                "30 cents off: kept");
        assertEquals(0.0, PitchTrack.agreement(whistle, tone(4000 * Math.pow(2, 100 / 1200.0), 1), RATE), 1e-12,
                "a semitone off: lost");
        assertEquals(0.0, PitchTrack.agreement(whistle, new float[whistle.length], RATE), 1e-12, "dropped");
        // the second half of the whistle dropped: about half its frames kept
        float[] half = whistle.clone();
        Arrays.fill(half, half.length / 2, half.length, 0f);
        double a = PitchTrack.agreement(whistle, half, RATE);
        assertTrue(a > 0.4 && a < 0.55, "half kept: " + a);
    }

    @Test
    void theRefinedPeriodIsTheParabolasVertex() {
        // d sampled from (τ − 4.3)² + 1 around its minimum: the vertex is 4.3 exactly
        double[] d = new double[12];
        for (int t = 0; t < d.length; t++) {
            d[t] = t == 0 ? 0 : 50 + 100 * (t - 4.3) * (t - 4.3);
        }
        d[4] = 100 * 0.09;
        d[3] = 100 * 1.69;
        d[5] = 100 * 0.49;
        assertEquals(RATE / 4.3, PitchTrack.frequency(d, 3, 10, RATE), 1e-9 * RATE);
    }
}
