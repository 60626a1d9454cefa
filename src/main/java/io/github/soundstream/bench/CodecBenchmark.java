package io.github.soundstream.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.codec.StreamingDecoder;
import io.github.soundstream.codec.StreamingEncoder;
import io.github.soundstream.engine.InferenceScope;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;

/**
 * Inference speed of a preset: whole-signal encode and decode of {@code seconds} of the synthetic corpus, and
 * streaming ({@code latency} frames per push and model call: 1 is frame by frame), each after a warm-up run. The
 * decoder's balanced upsamplers store their weights first, as a loaded codec's do.
 */
public final class CodecBenchmark {
    /** Results in × real time. */
    public record Result(String preset, long parameters, Stats wholeEncode, Stats wholeDecode, Stats streamEncode,
            Stats streamDecode) {
    }

    private CodecBenchmark() {
    }

    public static Result run(String preset, double seconds, double streamSeconds, int runs, int latency) {
        ModelConfig config = ModelConfig.preset(preset);
        Engine.getEngine("PyTorch").setRandomSeed(1);
        int rate = config.sampleRate();
        float[] audio = Soundscape.generate(1, rate, (int) (seconds * rate));
        float[] shortAudio = java.util.Arrays.copyOf(audio, (int) (streamSeconds * rate));
        try (NDManager manager = NDManager.newBaseManager()) {
            SoundStreamGenerator g = new SoundStreamGenerator(config);
            g.initialize(manager, DataType.FLOAT32);
            g.decoder().storeBalancedUpsamplers();
            double[] enc = new double[runs];
            double[] dec = new double[runs];
            for (int r = -1; r < runs; r++) {
                try (InferenceScope noGrad = new InferenceScope(); NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(audio, new Shape(1, 1, audio.length));
                    long t0 = System.nanoTime();
                    NDArray codes = g.encode(x, config.numQuantizers());
                    codes.toLongArray();
                    long t1 = System.nanoTime();
                    g.decode(codes, audio.length).toFloatArray();
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        enc[r] = (t1 - t0) / 1e9;
                        dec[r] = (t2 - t1) / 1e9;
                    }
                }
            }
            double[] senc = new double[runs];
            double[] sdec = new double[runs];
            try (SoundStreamCodec codec = SoundStreamCodec.of(g, manager)) {
                int hop = config.hopLength();
                for (int r = -1; r < runs; r++) {
                    long t0 = System.nanoTime();
                    int pushes = shortAudio.length / (hop * latency);
                    int[][][] frames = new int[pushes][][];
                    try (StreamingEncoder e = codec.encoder(config.numQuantizers(), latency)) {
                        for (int p = 0; p < pushes; p++) {
                            frames[p] = e.push(shortAudio, p * hop * latency, hop * latency);
                        }
                    }
                    long t1 = System.nanoTime();
                    try (StreamingDecoder d = codec.decoder(latency)) {
                        for (int[][] push : frames) {
                            d.push(push);
                        }
                    }
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        senc[r] = (t1 - t0) / 1e9;
                        sdec[r] = (t2 - t1) / 1e9;
                    }
                }
            }
            long params = io.github.soundstream.model.ParameterCounts.of(g).total();
            return new Result(preset, params, Stats.of(enc).realTime(seconds), Stats.of(dec).realTime(seconds),
                    Stats.of(senc).realTime(streamSeconds), Stats.of(sdec).realTime(streamSeconds));
        }
    }
}
