package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/** A stream or brook: two bands of noise with a slowly drifting level, plus occasional rising "bubble" blips. */
final class Brook implements SoundLayer {
    @Override
    public float[] render(int frames, int sampleRate, SplittableRandom rng) {
        Biquad low = new Biquad(Biquad.Kind.BANDPASS, Noise.uniform(rng, 250, 700), Noise.uniform(rng, 0.6, 1.4),
                sampleRate);
        Biquad high = new Biquad(Biquad.Kind.BANDPASS, Noise.uniform(rng, 1200, 3500), Noise.uniform(rng, 0.7, 2.0),
                sampleRate);
        double highMix = Noise.uniform(rng, 0.2, 0.7);
        float[] drift = Noise.smoothCurve(frames, sampleRate, Noise.uniform(rng, 0.3, 1.5), rng);
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            double w = Noise.white(rng);
            out[i] = (float) ((0.8 + 0.2 * drift[i]) * (low.process(w) + highMix * high.process(w)));
        }
        double bubblesPerSecond = Noise.uniform(rng, 2, 25);
        double t = Noise.exponential(rng, 1 / bubblesPerSecond);
        while (t * sampleRate < frames) {
            addBubble(out, (int) (t * sampleRate), sampleRate, rng);
            t += Noise.exponential(rng, 1 / bubblesPerSecond);
        }
        return out;
    }

    private static void addBubble(float[] out, int start, int sampleRate, SplittableRandom rng) {
        double f0 = Noise.uniform(rng, 300, 1200);
        double rise = Noise.uniform(rng, 1.5, 3.0);
        double dur = Noise.uniform(rng, 0.005, 0.03);
        double amplitude = Noise.uniform(rng, 0.05, 0.4);
        int len = (int) (dur * sampleRate);
        double phase = 0;
        for (int i = 0; i < len && start + i < out.length; i++) {
            double u = i / (double) len;
            phase += 2 * StrictMath.PI * f0 * (1 + (rise - 1) * u) / sampleRate;
            out[start + i] += (float) (amplitude * (1 - u) * StrictMath.sin(phase));
        }
    }
}
