package io.github.soundstream.tensorboard;

import io.github.soundstream.audio.MelFilterbank;
import io.github.soundstream.audio.Spectrogram;
import java.awt.image.BufferedImage;

/**
 * Renders log-mel spectrograms as images for TensorBoard: reference and reconstruction side by side on one shared
 * dB scale (80 dB range below the louder of the two), low frequencies at the bottom, magma colours.
 */
public final class SpectrogramImage {
    private static final int N_FFT = 1024;
    private static final int HOP = 256;
    private static final int MELS = 80;
    private static final int BIN_HEIGHT = 2;
    private static final int GAP = 6;
    private static final double RANGE_DB = 80;

    private SpectrogramImage() {
    }

    /** |log-mel(a) − log-mel(b)| in dB (0 to 40 dB), same layout: where a reconstruction differs. */
    public static BufferedImage renderDifference(int sampleRate, float[] a, float[] b) {
        double[][] da = logMel(sampleRate, a);
        double[][] db = logMel(sampleRate, b);
        int frames = Math.min(da.length, db.length);
        BufferedImage image = new BufferedImage(frames, MELS * BIN_HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < MELS; m++) {
                paint(image, f, m, Colormap.magma(Math.abs(da[f][m] - db[f][m]) / 40));
            }
        }
        return image;
    }

    /** Colours mel band {@code band} of column {@code x}, low bands at the bottom. */
    private static void paint(BufferedImage image, int x, int band, int rgb) {
        for (int dy = 0; dy < BIN_HEIGHT; dy++) {
            image.setRGB(x, MELS * BIN_HEIGHT - 1 - (band * BIN_HEIGHT + dy), rgb);
        }
    }

    private static double[][] logMel(int sampleRate, float[] x) {
        float[][] mags = new Spectrogram(N_FFT, HOP).magnitudes(x);
        MelFilterbank mel = new MelFilterbank(sampleRate, N_FFT, MELS, 0, sampleRate / 2.0);
        double[][] out = new double[mags.length][MELS];
        float[] melFrame = new float[MELS];
        for (int f = 0; f < mags.length; f++) {
            float[] power = mags[f].clone();
            for (int k = 0; k < power.length; k++) {
                power[k] *= power[k];
            }
            mel.apply(power, melFrame);
            for (int m = 0; m < MELS; m++) {
                out[f][m] = 10 * Math.log10(Math.max(melFrame[m], 1e-10));
            }
        }
        return out;
    }

    /** One or more signals of the same rate drawn left to right, separated by a thin white gap. */
    public static BufferedImage render(int sampleRate, float[]... signals) {
        double[][][] db = new double[signals.length][][];
        double max = Double.NEGATIVE_INFINITY;
        int width = GAP * (signals.length - 1);
        for (int s = 0; s < signals.length; s++) {
            db[s] = logMel(sampleRate, signals[s]);
            for (double[] frame : db[s]) {
                for (double v : frame) {
                    max = Math.max(max, v);
                }
            }
            width += db[s].length;
        }
        int height = MELS * BIN_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int x0 = 0;
        for (int s = 0; s < signals.length; s++) {
            for (int f = 0; f < db[s].length; f++) {
                for (int m = 0; m < MELS; m++) {
                    paint(image, x0 + f, m, Colormap.magma((db[s][f][m] - (max - RANGE_DB)) / RANGE_DB));
                }
            }
            x0 += db[s].length;
            if (s < signals.length - 1) {
                for (int g = 0; g < GAP; g++) {
                    for (int y = 0; y < height; y++) {
                        image.setRGB(x0 + g, y, 0xFFFFFF);
                    }
                }
                x0 += GAP;
            }
        }
        return image;
    }
}
