package io.github.soundstream.audio.synth;

/** A second-order IIR section with coefficients from the RBJ audio-EQ cookbook; state kept in double precision. */
final class Biquad {
    private double b0;
    private double b1;
    private double b2;
    private double a1;
    private double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    enum Kind { LOWPASS, HIGHPASS, BANDPASS }

    Biquad(Kind kind, double frequency, double q, int sampleRate) {
        set(kind, frequency, q, sampleRate);
    }

    /** Changes the response in place, keeping the state (for slowly swept filters). */
    void set(Kind kind, double frequency, double q, int sampleRate) {
        double f = Math.min(frequency, 0.45 * sampleRate);
        double w = 2 * StrictMath.PI * f / sampleRate;
        double cos = StrictMath.cos(w);
        double alpha = StrictMath.sin(w) / (2 * q);
        double a0 = 1 + alpha;
        switch (kind) {
            case LOWPASS -> {
                b0 = (1 - cos) / 2;
                b1 = 1 - cos;
                b2 = (1 - cos) / 2;
            }
            case HIGHPASS -> {
                b0 = (1 + cos) / 2;
                b1 = -(1 + cos);
                b2 = (1 + cos) / 2;
            }
            case BANDPASS -> {
                b0 = alpha;
                b1 = 0;
                b2 = -alpha;
            }
            default -> throw new AssertionError(kind);
        }
        b0 /= a0;
        b1 /= a0;
        b2 /= a0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
    }

    double process(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }

    void processInPlace(float[] signal) {
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) process(signal[i]);
        }
    }
}
