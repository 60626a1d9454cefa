package io.github.soundstream.metrics;

import io.github.soundstream.audio.Spectrogram;
import java.util.Arrays;

/**
 * Measures that hear tones, which loss-like distances miss: a bird's whistle is a few narrow spectral lines, a
 * small part of any mel or STFT distance.
 *
 * <p><b>Tonal peak F1.</b> Peaks of an STFT (2048 / 512 at 24 kHz, about 85 ms / 21 ms; scaled with the rate):
 * local maxima over frequency at least {@value #ABOVE_FLOOR_DB} dB above their frame's median bin and within
 * {@value #BELOW_LOUDEST_DB} dB of the clip's loudest bin. A peak of the original counts as kept when the decoded
 * frame has a peak within ±{@value #TOLERANCE_BINS} bins (recall); a decoded peak counts as true when the original
 * frame has one there (precision); F1 of the two. Two signals without peaks score 1.
 *
 * <p><b>Steady lines.</b> Bins that are peaks in at least {@value #STEADY_SHARE} of the decoded frames but in fewer
 * than {@value #RARE_SHARE} of the original's: constant tones the codec adds (a comb at its frame rate, say).
 *
 * <p><b>Tone level.</b> In each frame where the original has a peak, its strongest one (the whistle, not the
 * rumble under it): the decoded frame's loudest bin within ±{@value #TOLERANCE_BINS} bins minus that peak, in dB;
 * the median over the clip's frames (NaN without peaks). F1 counts every peak alike and a tone as kept once it
 * stands {@value #ABOVE_FLOOR_DB} dB above its frame's floor; this says how loud the salient tone comes back:
 * 0 dB is kept whole, −30 dB is a faint trace.
 */
public final class TonalPeaks {
    static final double ABOVE_FLOOR_DB = 12;
    static final double BELOW_LOUDEST_DB = 50;
    static final int TOLERANCE_BINS = 2;
    static final double STEADY_SHARE = 0.6;
    static final double RARE_SHARE = 0.1;

    private TonalPeaks() {
    }

    /** The three measures of one comparison, from one peak picking of each signal. */
    public record Comparison(double f1, int steadyLines, double toneLevelDb) {
    }

    /** A signal's STFT levels in dB (frame, bin) and its peaks there. */
    record Picked(double[][] db, boolean[][] peaks) {
    }

    /** Tonal peak F1, steady lines and tone level of {@code decoded} against {@code original}, same rate. */
    public static Comparison compare(float[] original, float[] decoded, int sampleRate) {
        return compare(pick(original, sampleRate), pick(decoded, sampleRate));
    }

    static Comparison compare(Picked original, Picked decoded) {
        return new Comparison(f1(original.peaks(), decoded.peaks()),
                steadyLineBins(original.peaks(), decoded.peaks()).length, toneLevelDb(original, decoded));
    }

    /**
     * Median over the original's frames with peaks of (decoded level near the strongest peak − that peak), in dB;
     * NaN for none.
     */
    static double toneLevelDb(Picked original, Picked decoded) {
        int frames = Math.min(original.peaks().length, decoded.peaks().length);
        java.util.stream.DoubleStream.Builder change = java.util.stream.DoubleStream.builder();
        for (int f = 0; f < frames; f++) {
            int strongest = -1;
            for (int k = 0; k < original.peaks()[f].length; k++) {
                if (original.peaks()[f][k] && (strongest < 0 || original.db()[f][k] > original.db()[f][strongest])) {
                    strongest = k;
                }
            }
            if (strongest < 0) {
                continue;
            }
            double[] near = decoded.db()[f];
            double level = Double.NEGATIVE_INFINITY;
            for (int j = Math.max(0, strongest - TOLERANCE_BINS);
                    j <= Math.min(near.length - 1, strongest + TOLERANCE_BINS); j++) {
                level = Math.max(level, near[j]);
            }
            change.add(level - original.db()[f][strongest]);
        }
        double[] all = change.build().toArray();
        return all.length == 0 ? Double.NaN : median(all);
    }

    /** Tonal peak F1 of {@code decoded} against {@code original}, both at {@code sampleRate}. */
    public static double f1(float[] original, float[] decoded, int sampleRate) {
        return f1(peaks(original, sampleRate), peaks(decoded, sampleRate));
    }

    /** F1 of peak grids {@code b} (decoded) against {@code a} (original), frame by frame. */
    static double f1(boolean[][] a, boolean[][] b) {
        int frames = Math.min(a.length, b.length);
        long kept = 0;
        long originalPeaks = 0;
        long truePeaks = 0;
        long decodedPeaks = 0;
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < a[f].length; k++) {
                if (a[f][k]) {
                    originalPeaks++;
                    kept += near(b[f], k) ? 1 : 0;
                }
                if (b[f][k]) {
                    decodedPeaks++;
                    truePeaks += near(a[f], k) ? 1 : 0;
                }
            }
        }
        if (originalPeaks == 0 && decodedPeaks == 0) {
            return 1;
        }
        double recall = originalPeaks == 0 ? 0 : kept / (double) originalPeaks;
        double precision = decodedPeaks == 0 ? 0 : truePeaks / (double) decodedPeaks;
        return recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
    }

    /** Bins that are peaks in ≥ 60 % of the decoded frames and < 10 % of the original's. */
    public static int steadyLines(float[] original, float[] decoded, int sampleRate) {
        return steadyLineFrequencies(original, decoded, sampleRate).length;
    }

    /** The steady lines' frequencies in Hz (bin centres), lowest first. */
    public static double[] steadyLineFrequencies(float[] original, float[] decoded, int sampleRate) {
        double binHz = sampleRate / (double) fftSize(sampleRate);
        return Arrays.stream(steadyLineBins(peaks(original, sampleRate), peaks(decoded, sampleRate)))
                .mapToDouble(k -> k * binHz).toArray();
    }

    private static int[] steadyLineBins(boolean[][] original, boolean[][] decoded) {
        double[] inOriginal = peakShare(original);
        double[] inDecoded = peakShare(decoded);
        return java.util.stream.IntStream.range(0, Math.min(inOriginal.length, inDecoded.length))
                .filter(k -> inDecoded[k] >= STEADY_SHARE && inOriginal[k] < RARE_SHARE).toArray();
    }

    /** The peak bins of each frame. */
    static boolean[][] peaks(float[] signal, int sampleRate) {
        return pick(signal, sampleRate).peaks();
    }

    static Picked pick(float[] signal, int sampleRate) {
        int nFft = fftSize(sampleRate);
        float[][] mag = new Spectrogram(nFft, nFft / 4).magnitudes(signal);
        double[][] db = new double[mag.length][];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < mag.length; f++) {
            db[f] = new double[mag[f].length];
            for (int k = 0; k < mag[f].length; k++) {
                db[f][k] = 20 * Math.log10(mag[f][k] + 1e-12);
                loudest = Math.max(loudest, db[f][k]);
            }
        }
        boolean[][] out = new boolean[mag.length][];
        for (int f = 0; f < mag.length; f++) {
            double[] row = db[f];
            double floor = median(row);
            out[f] = new boolean[row.length];
            for (int k = 1; k < row.length - 1; k++) {
                out[f][k] = row[k] > row[k - 1] && row[k] >= row[k + 1] && row[k] >= floor + ABOVE_FLOOR_DB
                        && row[k] >= loudest - BELOW_LOUDEST_DB;
            }
        }
        return new Picked(db, out);
    }

    /** The STFT size: 2048 at 24 kHz, the nearest power of two for the same duration at other rates. */
    public static int fftSize(int sampleRate) {
        int n = Math.max(64, (int) Math.round(2048.0 * sampleRate / 24000));
        int lower = Integer.highestOneBit(n);
        return n - lower <= 2 * lower - n ? lower : 2 * lower;
    }

    private static boolean near(boolean[] row, int k) {
        for (int j = Math.max(0, k - TOLERANCE_BINS); j <= Math.min(row.length - 1, k + TOLERANCE_BINS); j++) {
            if (row[j]) {
                return true;
            }
        }
        return false;
    }

    private static double[] peakShare(boolean[][] peaks) {
        double[] share = new double[peaks.length == 0 ? 0 : peaks[0].length];
        for (boolean[] frame : peaks) {
            for (int k = 0; k < frame.length; k++) {
                share[k] += frame[k] ? 1.0 / peaks.length : 0;
            }
        }
        return share;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
