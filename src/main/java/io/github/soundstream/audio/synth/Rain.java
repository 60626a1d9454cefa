package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/**
 * Rain: a dense Poisson train of short decaying noise clicks of random size (many small, few large), a few drops
 * ringing as "plinks", over a faint high-passed hiss.
 */
final class Rain implements SoundLayer {
    @Override
    public float[] render(int frames, int sampleRate, SplittableRandom rng) {
        float[] out = new float[frames];
        double dropsPerSecond = Noise.uniform(rng, 150, 2500);
        double t = Noise.exponential(rng, 1 / dropsPerSecond);
        while (t * sampleRate < frames) {
            int start = (int) (t * sampleRate);
            double size = rng.nextDouble();
            double amplitude = size * size * size;
            double decay = Noise.uniform(rng, 0.0004, 0.004) * sampleRate;
            boolean plink = rng.nextDouble() < 0.08;
            double pitch = Noise.uniform(rng, 1500, Math.min(7000, 0.4 * sampleRate));
            int len = (int) (decay * 6);
            for (int i = 0; i < len && start + i < frames; i++) {
                double env = amplitude * StrictMath.exp(-i / decay);
                double v = plink ? StrictMath.sin(2 * StrictMath.PI * pitch * i / sampleRate) : Noise.white(rng);
                out[start + i] += (float) (env * v);
            }
            t += Noise.exponential(rng, 1 / dropsPerSecond);
        }
        double hiss = Noise.uniform(rng, 0.005, 0.03);
        for (int i = 0; i < frames; i++) {
            out[i] += (float) (hiss * Noise.white(rng));
        }
        new Biquad(Biquad.Kind.HIGHPASS, Noise.uniform(rng, 300, 900), 0.7, sampleRate).processInPlace(out);
        return out;
    }
}
