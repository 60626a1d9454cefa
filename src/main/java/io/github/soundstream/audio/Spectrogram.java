package io.github.soundstream.audio;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Magnitude STFT outside the training graph (JTransforms): periodic Hann window, {@code center} framing with
 * reflect padding as in {@code torch.stft(center=True)}, one-sided, not normalised. Used for images and metrics.
 */
public final class Spectrogram {
    private final int nFft;
    private final int hop;
    private final float[] window;
    private final FloatFFT_1D fft;

    public Spectrogram(int nFft, int hop) {
        if (nFft < 2 || (nFft & 1) == 1 || hop < 1) {
            throw new IllegalArgumentException("need an even nFft >= 2 and hop >= 1");
        }
        this.nFft = nFft;
        this.hop = hop;
        this.window = hann(nFft);
        this.fft = new FloatFFT_1D(nFft);
    }

    /** Periodic Hann window: 0.5 − 0.5·cos(2πn/N), n = 0..N−1 (torch.hann_window's default). */
    public static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }

    public int bins() {
        return nFft / 2 + 1;
    }

    public int frames(int samples) {
        return samples / hop + 1;
    }

    /** |STFT| as [frame][bin]. Signals shorter than nFft/2 + 1 are zero-padded before reflection. */
    public float[][] magnitudes(float[] signal) {
        int pad = nFft / 2;
        float[] x = signal.length > pad ? signal : java.util.Arrays.copyOf(signal, pad + 1);
        int frames = frames(x.length);
        float[][] out = new float[frames][bins()];
        float[] buf = new float[nFft];
        for (int f = 0; f < frames; f++) {
            int start = f * hop - pad;
            for (int i = 0; i < nFft; i++) {
                buf[i] = x[reflect(start + i, x.length)] * window[i];
            }
            fft.realForward(buf);
            float[] row = out[f];
            row[0] = Math.abs(buf[0]);
            row[nFft / 2] = Math.abs(buf[1]);
            for (int k = 1; k < nFft / 2; k++) {
                row[k] = (float) Math.hypot(buf[2 * k], buf[2 * k + 1]);
            }
        }
        return out;
    }

    private static int reflect(int i, int n) {
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return j < n ? j : period - j;
    }
}
