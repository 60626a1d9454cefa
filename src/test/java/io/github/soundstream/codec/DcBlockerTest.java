package io.github.soundstream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DcBlockerTest {
    private static final int RATE = 24000;

    /** The float64 reference: the magnitude response (1 + p) / 2 · |1 − z⁻¹| / |1 − p·z⁻¹| at {@code hz}. */
    private static double gain(double hz) {
        double p = Math.exp(-2 * Math.PI * DcBlocker.CUTOFF_HZ / RATE);
        double w = 2 * Math.PI * hz / RATE;
        double num = Math.hypot(1 - Math.cos(w), Math.sin(w));
        double den = Math.hypot(1 - p * Math.cos(w), p * Math.sin(w));
        return (1 + p) / 2 * num / den;
    }

    @Test
    void removesAConstantOffsetAndKeepsTonesAsTheReferenceSays() {
        for (double hz : new double[] {20, 100, 1000, 6000}) {
            float[] x = new float[RATE * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 + 0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
            }
            new DcBlocker(RATE).process(x);
            double mean = 0;
            double power = 0;
            int from = RATE; // after the first second: the offset has decayed (time constant 32 ms)
            for (int i = from; i < x.length; i++) {
                mean += x[i];
                power += x[i] * (double) x[i];
            }
            mean /= x.length - from;
            double amplitude = Math.sqrt(2 * power / (x.length - from));
            assertEquals(0, mean, 1e-3, hz + " Hz: offset removed");
            assertEquals(0.5 * gain(hz), amplitude, 2e-3, hz + " Hz: gain as the float64 response");
        }
        assertEquals(1, gain(1000), 1e-4, "1 kHz passes unchanged");
    }

    @Test
    void anyChunkingGivesTheSameSamples() {
        Random r = new Random(5);
        float[] x = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.02 + r.nextGaussian() * 0.1);
        }
        float[] whole = x.clone();
        new DcBlocker(RATE).process(whole);
        DcBlocker chunked = new DcBlocker(RATE);
        float[] out = new float[x.length];
        for (int start = 0, n = 1; start < x.length; start += n, n = n * 3 % 997 + 1) {
            float[] part = Arrays.copyOfRange(x, start, Math.min(x.length, start + n));
            chunked.process(part);
            System.arraycopy(part, 0, out, start, part.length);
        }
        assertArrayEquals(whole, out);
    }
}
