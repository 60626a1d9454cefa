package io.github.soundstream.bench;

import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.codec.StreamingDecoder;
import io.github.soundstream.codec.StreamingEncoder;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.metrics.TonalPeaks;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a checkpoint's added steady lines lie: for synthetic clips the training never saw, the frequencies of the
 * steady lines (TonalPeaks) of the reconstruction, and how many sit on a multiple of the frame rate (±1 bin).
 * Usage: {@code SteadyLines CHECKPOINT [clips] [seconds]}.
 */
public final class SteadyLines {
    private SteadyLines() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.configure(2);
        int clips = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        try (SoundStreamCodec codec = SoundStreamCodec.load(Path.of(args[0]))) {
            int rate = codec.config().sampleRate();
            double frameRate = codec.config().frameRate();
            int total = 0;
            int onComb = 0;
            for (int c = 0; c < clips; c++) {
                float[] x = Soundscape.generate(1000 + c, rate, (int) (seconds * rate));
                int[][] codes = encode(codec, x);
                float[] y = decode(codec, codes, x.length);
                double[] hz = TonalPeaks.steadyLineFrequencies(x, y, rate);
                int comb = 0;
                double bin = rate / (double) TonalPeaks.fftSize(rate);
                for (double f : hz) {
                    double nearest = Math.round(f / frameRate) * frameRate;
                    comb += Math.abs(f - nearest) <= bin ? 1 : 0;
                }
                total += hz.length;
                onComb += comb;
                int hop = codec.config().hopLength();
                double[] errorByPosition = new double[hop];
                for (int i = 0; i < x.length; i++) {
                    errorByPosition[i % hop] += (y[i] - x[i]) * (double) (y[i] - x[i]);
                }
                double[] sorted = errorByPosition.clone();
                Arrays.sort(sorted);
                int loudest = 0;
                for (int i = 1; i < hop; i++) {
                    loudest = errorByPosition[i] > errorByPosition[loudest] ? i : loudest;
                }
                int repeated = 0;
                for (int f = 1; f < codes.length; f++) {
                    repeated += Arrays.equals(codes[f], codes[f - 1]) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "clip %d: %d steady lines, %d on multiples of %.0f Hz, F1 %.3f, "
                        + "%.0f %% of frames repeat the previous frame's codes, %d distinct layer-0 codes, error energy "
                        + "by position in the frame: max/median %.2f at sample %d: %s%n", c,
                        hz.length, comb, frameRate, TonalPeaks.f1(x, y, rate), 100.0 * repeated / (codes.length - 1),
                        Arrays.stream(codes).mapToInt(f -> f[0]).distinct().count(), sorted[hop - 1] / sorted[hop / 2],
                        loudest, Arrays.toString(Arrays.stream(hz)
                                .mapToLong(Math::round).limit(12).toArray()));
            }
            System.out.printf(Locale.ROOT, "all: %d steady lines, %d (%.0f %%) on multiples of the frame rate%n", total,
                    onComb, total == 0 ? 0 : 100.0 * onComb / total);
        }
    }

    public static int[][] encode(SoundStreamCodec codec, float[] x) throws Exception {
        try (StreamingEncoder enc = codec.encoder(codec.config().numQuantizers(), 75)) {
            int[][] a = enc.push(x, 0, x.length);
            int[][] b = enc.finish();
            int[][] codes = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, codes, a.length, b.length);
            return codes;
        }
    }

    public static float[] decode(SoundStreamCodec codec, int[][] codes, int length) throws Exception {
        try (StreamingDecoder dec = codec.decoder(75)) {
            return Arrays.copyOf(dec.push(codes), length);
        }
    }
}
