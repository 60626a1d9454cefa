package io.github.soundstream.audio;

/**
 * Triangular mel filters on the HTK mel scale (mel = 2595·log10(1 + f/700)), without area normalisation — the
 * same construction as torchaudio's {@code melscale_fbanks(norm=None, mel_scale="htk")}, which the Python original
 * used. Filters are built in double precision; row m weighs the {@code nFft/2 + 1} STFT bins of mel band m.
 * For small FFTs some bands fall between bins and are all zero, as in torchaudio.
 */
public final class MelFilterbank {
    private final double[][] weights;

    public MelFilterbank(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        if (nMels < 1 || nFft < 2 || fMin < 0 || fMax <= fMin || fMax > sampleRate / 2.0 + 1e-9) {
            throw new IllegalArgumentException("bad mel filterbank: " + nMels + " mels, nFft " + nFft + ", "
                    + fMin + "–" + fMax + " Hz at " + sampleRate + " Hz");
        }
        int bins = nFft / 2 + 1;
        double melMin = hzToMel(fMin);
        double melMax = hzToMel(fMax);
        double[] edges = new double[nMels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (nMels + 1));
        }
        weights = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            for (int k = 0; k < bins; k++) {
                double f = k * (sampleRate / 2.0) / (bins - 1);
                double down = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double up = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                weights[m][k] = Math.max(0, Math.min(down, up));
            }
        }
    }

    public static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    public static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    public int melBands() {
        return weights.length;
    }

    public int bins() {
        return weights[0].length;
    }

    /** Row-major (mels × bins) weights in float32, for a constant matrix in the model's graph. */
    public float[] toFloatMatrix() {
        int bins = bins();
        float[] out = new float[weights.length * bins];
        for (int m = 0; m < weights.length; m++) {
            for (int k = 0; k < bins; k++) {
                out[m * bins + k] = (float) weights[m][k];
            }
        }
        return out;
    }

    public double weight(int mel, int bin) {
        return weights[mel][bin];
    }

    /** Mel energies of one spectrum frame (magnitudes or powers, whichever is given). */
    public void apply(float[] spectrum, float[] melOut) {
        for (int m = 0; m < weights.length; m++) {
            double acc = 0;
            double[] w = weights[m];
            for (int k = 0; k < w.length; k++) {
                acc += w[k] * spectrum[k];
            }
            melOut[m] = (float) acc;
        }
    }
}
