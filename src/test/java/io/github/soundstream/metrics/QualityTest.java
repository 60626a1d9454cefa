package io.github.soundstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QualityTest {
    private static final int RATE = 24000;

    /** A 3 kHz whistle gliding up a semitone, over faint noise, with {@code gain} on the whistle. */
    private static float[] whistle(double gain, long seed) {
        Random r = new Random(seed);
        float[] x = new float[RATE];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            phase += 2 * Math.PI * 3000 * Math.pow(2, i / (12.0 * x.length)) / RATE;
            x[i] = (float) (gain * 0.4 * Math.sin(phase) + 0.01 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void oneReferenceScoresEveryDecodingAsAFreshComparisonWould() {
        float[] original = whistle(1, 1);
        Quality.Reference reference = new Quality.Reference(original, RATE);
        List<float[]> decodings = List.of(whistle(0.5, 2), new float[RATE], original, whistle(1, 3));
        for (float[] decoded : decodings) {
            assertEquals(Quality.of(original, decoded, RATE), reference.score(decoded));
        }
        assertNotEquals(reference.score(decodings.get(0)), reference.score(decodings.get(1)),
                "a halved whistle and silence score differently from the same reference");
        assertEquals(0.0, reference.score(original).toneLevelDb(), 1e-12);
        assertEquals(1.0, reference.score(original).pitchAgreement(), 1e-12);
    }
}
