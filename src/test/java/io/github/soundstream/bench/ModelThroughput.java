package io.github.soundstream.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.engine.HostMemory;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.ParameterCounts;
import io.github.soundstream.model.SoundStreamGenerator;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whole-file encode and decode of 10 s at 24 kHz per preset, outside any gradient collector, in × real time.
 * Usage: {@code ModelThroughput [threads] [presets...]}; reports peak resident memory (VmHWM) at the end.
 */
public final class ModelThroughput {
    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String[] presets = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"tiny", "small", "base"};
        EngineSetup.configure(threads);
        Engine.getEngine("PyTorch").setRandomSeed(1);
        float[] audio = Soundscape.generate(1, 24000, 240000);
        System.out.printf(Locale.ROOT, "%d threads, 10 s at 24 kHz, %d timed runs after 1 warm-up%n", threads, RUNS);
        for (String preset : presets) {
            ModelConfig config = ModelConfig.preset(preset);
            try (NDManager manager = NDManager.newBaseManager()) {
                SoundStreamGenerator g = new SoundStreamGenerator(config);
                g.initialize(manager, DataType.FLOAT32);
                // columns: encoder, quantizer encode, quantizer decode, decoder
                double[][] t = new double[4][RUNS];
                for (int r = -1; r < RUNS; r++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(audio, new Shape(1, 1, audio.length));
                        long t0 = System.nanoTime();
                        NDArray z = g.embed(x, false);
                        z.toFloatArray(); // force completion
                        long t1 = System.nanoTime();
                        NDArray codes = g.quantizer().encode(z, config.numQuantizers());
                        codes.toLongArray();
                        long t2 = System.nanoTime();
                        NDArray e = g.quantizer().decode(codes);
                        e.toFloatArray();
                        long t3 = System.nanoTime();
                        g.decoder().forward(e, false).toFloatArray();
                        long t4 = System.nanoTime();
                        if (r >= 0) {
                            t[0][r] = (t1 - t0) / 1e9;
                            t[1][r] = (t2 - t1) / 1e9;
                            t[2][r] = (t3 - t2) / 1e9;
                            t[3][r] = (t4 - t3) / 1e9;
                        }
                    }
                }
                double[] total = new double[RUNS];
                for (int r = 0; r < RUNS; r++) {
                    total[r] = t[0][r] + t[1][r] + t[2][r] + t[3][r];
                }
                double enc = median(t[0]) + median(t[1]);
                double dec = median(t[2]) + median(t[3]);
                System.out.printf(Locale.ROOT, "%-5s %s%n", preset, ParameterCounts.of(g).describe());
                System.out.printf(Locale.ROOT, "      encode %.3f s (%.1fx): encoder %.3f + quantizer %.3f; decode %.3f s (%.1fx): "
                        + "quantizer %.3f + decoder %.3f%n", enc, 10 / enc, median(t[0]), median(t[1]), dec, 10 / dec,
                        median(t[2]), median(t[3]));
                double[] sorted = total.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "      encode+decode median %.1fx real time (runs %.1fx to %.1fx)%n",
                        10 / median(total), 10 / sorted[RUNS - 1], 10 / sorted[0]);
            }
        }
        System.out.printf(Locale.ROOT, "peak resident memory: %.0f MB%n", HostMemory.peakMb());
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

}
