package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/** Noise sources and slow random modulators shared by the layers. */
final class Noise {
    private Noise() {
    }

    static double white(SplittableRandom rng) {
        return rng.nextDouble() * 2 - 1;
    }

    /** Pink (1/f) noise by Paul Kellet's refined filter of white noise; roughly unit peak. */
    static float[] pink(int frames, SplittableRandom rng) {
        float[] out = new float[frames];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < frames; i++) {
            double w = white(rng);
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            out[i] = (float) ((b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 0.11);
            b6 = w * 0.115926;
        }
        return out;
    }

    /**
     * A smooth random curve in [0, 1]: random targets every 1/rate seconds joined by raised-cosine segments.
     * Used for wind gusts and slow level drifts.
     */
    static float[] smoothCurve(int frames, int sampleRate, double rateHz, SplittableRandom rng) {
        float[] out = new float[frames];
        int segment = Math.max(1, (int) (sampleRate / rateHz));
        double from = rng.nextDouble();
        double to = rng.nextDouble();
        for (int i = 0; i < frames; i++) {
            int k = i % segment;
            if (k == 0 && i > 0) {
                from = to;
                to = rng.nextDouble();
            }
            double u = k / (double) segment;
            double blend = 0.5 - 0.5 * StrictMath.cos(StrictMath.PI * u);
            out[i] = (float) (from + (to - from) * blend);
        }
        return out;
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Exponentially distributed waiting time with the given mean. */
    static double exponential(SplittableRandom rng, double mean) {
        return -mean * StrictMath.log(1 - rng.nextDouble());
    }
}
