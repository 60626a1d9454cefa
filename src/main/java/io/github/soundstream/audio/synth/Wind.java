package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/** Wind: pink noise through a low-pass whose cutoff and level follow slow random gusts. */
final class Wind implements SoundLayer {
    private static final int CONTROL_BLOCK = 64;

    @Override
    public float[] render(int frames, int sampleRate, SplittableRandom rng) {
        float[] noise = Noise.pink(frames, rng);
        float[] gust = Noise.smoothCurve(frames, sampleRate, Noise.uniform(rng, 0.15, 0.6), rng);
        double lowCut = Noise.uniform(rng, 150, 400);
        double highCut = Noise.uniform(rng, 600, 2000);
        Biquad lowpass = new Biquad(Biquad.Kind.LOWPASS, lowCut, 0.7, sampleRate);
        Biquad rumbleCut = new Biquad(Biquad.Kind.HIGHPASS, 30, 0.7, sampleRate);
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            double g = gust[i];
            if (i % CONTROL_BLOCK == 0) {
                lowpass.set(Biquad.Kind.LOWPASS, lowCut + (highCut - lowCut) * g, 0.7, sampleRate);
            }
            double level = 0.25 + 0.75 * g * g;
            out[i] = (float) (level * rumbleCut.process(lowpass.process(noise[i])));
        }
        return out;
    }
}
