package io.github.soundstream.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SoundscapeTest {
    private static final int RATE = 24000;

    @Test
    void sameSeedGivesTheSameBits() {
        for (long seed : new long[] {0, 1, 42, -7}) {
            float[] a = Soundscape.generate(seed, RATE, RATE * 2);
            float[] b = Soundscape.generate(seed, RATE, RATE * 2);
            assertArrayEquals(a, b, "seed " + seed);
        }
    }

    @Test
    void differentSeedsGiveDifferentClips() {
        float[] a = Soundscape.generate(Soundscape.clipSeed(42, 0), RATE, RATE);
        float[] b = Soundscape.generate(Soundscape.clipSeed(42, 1), RATE, RATE);
        assertFalse(Arrays.equals(a, b));
        assertTrue(Soundscape.clipSeed(42, 0) != Soundscape.clipSeed(43, 0));
    }

    @Test
    void clipsAreFiniteAtTheStatedPeakAndNeverSilent() {
        for (int i = 0; i < 12; i++) {
            float[] x = Soundscape.generate(Soundscape.clipSeed(3, i), RATE, RATE * 2);
            float peak = 0;
            double energy = 0;
            for (float v : x) {
                assertTrue(Float.isFinite(v));
                peak = Math.max(peak, Math.abs(v));
                energy += v * v;
            }
            assertEquals(Soundscape.PEAK, peak, 1e-6, "clip " + i);
            double rmsDb = 10 * Math.log10(energy / x.length);
            assertTrue(rmsDb > -45 && rmsDb < -6, "clip " + i + " RMS " + rmsDb + " dBFS");
        }
    }

    @Test
    void birdsongLayerSitsInTheBirdBandAndPausesBetweenPhrases() {
        float[] song = new Birdsong().render(RATE * 6, RATE, new java.util.SplittableRandom(5));
        // energy mostly above 1.4 kHz: first difference boosts highs, so compare it with the signal
        double energy = 0;
        double diffEnergy = 0;
        int silentBlocks = 0;
        int blocks = song.length / 2400;
        for (int b = 0; b < blocks; b++) {
            double e = 0;
            for (int i = b * 2400; i < (b + 1) * 2400; i++) {
                e += song[i] * song[i];
            }
            if (e == 0) {
                silentBlocks++;
            }
        }
        for (int i = 1; i < song.length; i++) {
            energy += song[i] * song[i];
            double d = song[i] - song[i - 1];
            diffEnergy += d * d;
        }
        // |1 - e^{-jw}|^2 = 2 - 2cos(w) > 0.13 for f > 1.4 kHz at 24 kHz
        assertTrue(diffEnergy / energy > 0.13, "bird energy should be high-pitched");
        assertTrue(silentBlocks > 0, "songs pause between phrases");
        assertTrue(silentBlocks < blocks, "and sing sometimes");
    }

    @Test
    void layersCoverTheirBands() {
        float[] wind = new Wind().render(RATE * 2, RATE, new java.util.SplittableRandom(1));
        float[] rain = new Rain().render(RATE * 2, RATE, new java.util.SplittableRandom(1));
        assertTrue(highFraction(wind) < highFraction(rain), "wind is darker than rain");
    }

    private static double highFraction(float[] x) {
        double e = 0;
        double d = 0;
        for (int i = 1; i < x.length; i++) {
            e += x[i] * x[i];
            double diff = x[i] - x[i - 1];
            d += diff * diff;
        }
        return d / e;
    }
}
