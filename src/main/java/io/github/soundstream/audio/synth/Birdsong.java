package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/**
 * One bird: phrases of frequency-modulated syllables (up- and down-sweeps, arches, fast trills, vibrato whistles)
 * with a few harmonics and a smooth envelope, separated by random pauses.
 */
final class Birdsong implements SoundLayer {
    private enum Shape { SWEEP_UP, SWEEP_DOWN, ARCH, TRILL, WHISTLE }

    @Override
    public float[] render(int frames, int sampleRate, SplittableRandom rng) {
        float[] out = new float[frames];
        double nyquist = sampleRate / 2.0;
        double base = Math.min(Noise.uniform(rng, 1800, 6500), 0.55 * nyquist);
        double h2 = Noise.uniform(rng, 0.05, 0.35);
        double h3 = Noise.uniform(rng, 0.0, 0.12);
        int t = (int) (Noise.uniform(rng, 0, 1.0) * sampleRate);
        while (t < frames) {
            Shape shape = Shape.values()[rng.nextInt(Shape.values().length)];
            int syllables = 2 + rng.nextInt(shape == Shape.TRILL ? 18 : 8);
            double f0 = base * Noise.uniform(rng, 0.8, 1.25);
            double span = f0 * Noise.uniform(rng, 0.1, 0.6);
            for (int s = 0; s < syllables && t < frames; s++) {
                double dur = shape == Shape.TRILL ? Noise.uniform(rng, 0.02, 0.05) : Noise.uniform(rng, 0.05, 0.25);
                int len = (int) (dur * sampleRate);
                double vibratoRate = Noise.uniform(rng, 15, 60);
                double level = Noise.uniform(rng, 0.5, 1.0);
                renderSyllable(out, t, len, sampleRate, shape, f0, span, vibratoRate, level, h2, h3, nyquist);
                t += len + (int) (Noise.uniform(rng, shape == Shape.TRILL ? 0.01 : 0.03, 0.12) * sampleRate);
            }
            t += (int) (Noise.uniform(rng, 0.3, 2.5) * sampleRate);
        }
        return out;
    }

    private static void renderSyllable(float[] out, int start, int len, int sampleRate, Shape shape, double f0,
            double span, double vibratoRate, double level, double h2, double h3, double nyquist) {
        double phase = 0;
        for (int i = 0; i < len && start + i < out.length; i++) {
            double u = i / (double) len;
            double time = i / (double) sampleRate;
            double f = switch (shape) {
                case SWEEP_UP -> f0 - span / 2 + span * u;
                case SWEEP_DOWN -> f0 + span / 2 - span * u;
                case ARCH -> f0 + span * StrictMath.sin(StrictMath.PI * u);
                case TRILL -> f0 + span * (u - 0.5);
                case WHISTLE -> f0 + 0.08 * f0 * StrictMath.sin(2 * StrictMath.PI * vibratoRate * time);
            };
            phase += 2 * StrictMath.PI * f / sampleRate;
            double env = StrictMath.sin(StrictMath.PI * u);
            env *= env;
            double v = StrictMath.sin(phase);
            if (2 * f < nyquist) {
                v += h2 * StrictMath.sin(2 * phase);
            }
            if (3 * f < nyquist) {
                v += h3 * StrictMath.sin(3 * phase);
            }
            out[start + i] += (float) (level * env * v);
        }
    }
}
