package io.github.soundstream.bench;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.metrics.TonalPeaks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a checkpoint's steady lines are a fixed frame-periodic waveform added to its output: for each file, the
 * steady lines of the reconstruction, then of the reconstruction less its mean over frames at each position in the
 * frame (the part that repeats every hop), and that waveform's level. Usage: {@code CombAnatomy CHECKPOINT FILE...}.
 */
public final class CombAnatomy {
    private CombAnatomy() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.configure(1);
        try (SoundStreamCodec codec = SoundStreamCodec.load(Path.of(args[0]))) {
            int rate = codec.config().sampleRate();
            int hop = codec.config().hopLength();
            for (int a = 1; a < args.length; a++) {
                float[] x = AudioFiles.readMono(Path.of(args[a]), rate);
                x = Arrays.copyOf(x, Math.min(x.length, 10 * rate));
                float[] y = SteadyLines.decode(codec, SteadyLines.encode(codec, x), x.length);
                double[] periodic = periodicMean(y, hop);
                float[] less = y.clone();
                for (int i = 0; i < y.length; i++) {
                    less[i] -= (float) periodic[i % hop];
                }
                System.out.printf(Locale.ROOT, "%s: steady lines %d -> %d without the frame-periodic mean "
                        + "(%.1f dB below the output; the input's %.1f dB below it); F1 %.3f -> %.3f; dc in %.4f out %.4f%n",
                        Path.of(args[a]).getFileName(),
                        TonalPeaks.steadyLines(x, y, rate), TonalPeaks.steadyLines(x, less, rate),
                        belowDb(y, hop), belowDb(x, hop), TonalPeaks.f1(x, y, rate), TonalPeaks.f1(x, less, rate),
                        mean(x), mean(y));
                if (a == 1) {
                    System.out.println("periodic mean, every 10th sample: " + Arrays.toString(
                            java.util.stream.IntStream.range(0, hop / 10).mapToObj(i -> String.format(Locale.ROOT,
                                    "%.4f", periodic[i * 10])).toArray()));
                }
            }
        }
    }

    public static double mean(float[] y) {
        double m = 0;
        for (float v : y) {
            m += v;
        }
        return m / y.length;
    }

    /** The mean over frames at each position in the frame, less the overall mean. */
    public static double[] periodicMean(float[] y, int hop) {
        double[] periodic = new double[hop];
        int frames = y.length / hop;
        double mean = mean(y);
        for (int i = 0; i < frames * hop; i++) {
            periodic[i % hop] += (y[i] - mean) / frames;
        }
        return periodic;
    }

    /** How far below the signal's energy its frame-periodic mean lies, in dB. */
    public static double belowDb(float[] y, int hop) {
        double[] periodic = periodicMean(y, hop);
        double pe = 0;
        double ye = 0;
        for (int i = 0; i < y.length; i++) {
            pe += periodic[i % hop] * periodic[i % hop];
            ye += y[i] * (double) y[i];
        }
        return 10 * Math.log10(ye / pe);
    }
}
