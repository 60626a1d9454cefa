package io.github.soundstream.audio.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic field recording: an ambient bed of one to three of wind, rain and a brook, and usually one to three
 * singing birds, each layer at a random level. The same seed gives the same samples, bit for bit, on any JVM.
 *
 * <p>This is the embedded default corpus: {@code train} uses it when no {@code --audio-dir} is given, and tests use
 * it in place of downloaded data.
 */
public final class Soundscape {
    /** Peak level of a finished clip (−6 dBFS), leaving room the way a field recorder's gain would. */
    public static final float PEAK = 0.5f;

    private Soundscape() {
    }

    public static float[] generate(long seed, int sampleRate, int frames) {
        if (frames <= 0 || sampleRate < 8000) {
            throw new IllegalArgumentException("need frames > 0 and a sample rate of at least 8 kHz");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<SoundLayer> bed = new ArrayList<>(List.of(new Wind(), new Rain(), new Brook()));
        int bedLayers = 1 + rng.nextInt(3);
        float[] mix = new float[frames];
        for (int i = 0; i < bedLayers; i++) {
            SoundLayer layer = bed.remove(rng.nextInt(bed.size()));
            addAtLevel(mix, layer, Noise.uniform(rng, -24, -6), sampleRate, rng.split());
        }
        int birds = rng.nextDouble() < 0.85 ? 1 + rng.nextInt(3) : 0;
        for (int i = 0; i < birds; i++) {
            addAtLevel(mix, new Birdsong(), Noise.uniform(rng, -14, 0), sampleRate, rng.split());
        }
        scaleToPeak(mix, PEAK);
        return mix;
    }

    /** Seed of clip {@code index} in a corpus with seed {@code corpusSeed}: well mixed, so neighbours are unrelated. */
    public static long clipSeed(long corpusSeed, long index) {
        long z = corpusSeed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void addAtLevel(float[] mix, SoundLayer layer, double levelDb, int sampleRate,
            SplittableRandom rng) {
        float[] signal = layer.render(mix.length, sampleRate, rng);
        float peak = peak(signal);
        if (peak == 0) {
            return;
        }
        double gain = StrictMath.pow(10, levelDb / 20) / peak;
        for (int i = 0; i < mix.length; i++) {
            mix[i] += (float) (gain * signal[i]);
        }
    }

    private static void scaleToPeak(float[] x, float target) {
        float peak = peak(x);
        if (peak > 0) {
            float g = target / peak;
            for (int i = 0; i < x.length; i++) {
                x[i] *= g;
            }
        }
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
