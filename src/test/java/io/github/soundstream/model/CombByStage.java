package io.github.soundstream.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.bench.CombAnatomy;
import io.github.soundstream.bench.SteadyLines;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.metrics.TonalPeaks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which upsampler of a trained checkpoint with free upsamplers makes its frame-rate comb: the same codes decoded
 * with none, each one alone, and all of the decoder's upsamplers balanced (their phases' tap sums equalised, as
 * {@link CausalUpsample} does), counting steady lines on multiples of the frame rate and the level of the output's
 * frame-periodic part. Usage: {@code CombByStage CHECKPOINT FILE...}.
 */
public final class CombByStage {
    private CombByStage() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.configure(1);
        ModelConfig config = CheckpointFile.readMeta(Path.of(args[0])).model();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            SoundStreamGenerator g = new SoundStreamGenerator(config);
            g.initialize(m, DataType.FLOAT32);
            CheckpointFile.loadGenerator(Path.of(args[0]), g, m);
            List<CausalUpsample> stages = new ArrayList<>();
            collect(g.decoder(), stages);
            List<NDArray> original = stages.stream().map(s -> s.getParameters().get("weight").getArray().duplicate())
                    .toList();
            SoundStreamCodec codec = SoundStreamCodec.of(g, m);
            List<float[]> clips = new ArrayList<>();
            List<int[][]> codes = new ArrayList<>();
            for (int a = 1; a < args.length; a++) {
                float[] x = AudioFiles.readMono(Path.of(args[a]), config.sampleRate());
                clips.add(java.util.Arrays.copyOf(x, Math.min(x.length, 10 * config.sampleRate())));
                codes.add(SteadyLines.encode(codec, clips.get(clips.size() - 1)));
            }
            for (int variant = -1; variant <= stages.size(); variant++) {
                for (int k = 0; k < stages.size(); k++) {
                    NDArray w = stages.get(k).getParameters().get("weight").getArray();
                    boolean balance = variant == stages.size() || variant == k;
                    int stride = config.strides().get(config.strides().size() - 1 - k);
                    (balance ? CausalUpsample.balance(original.get(k), (int) (w.getShape().get(0) / stride), stride,
                            original.get(k)) : original.get(k)).copyTo(w);
                }
                int lines = 0;
                int comb = 0;
                double db = 0;
                double f1 = 0;
                for (int c = 0; c < clips.size(); c++) {
                    float[] x = clips.get(c);
                    float[] y = SteadyLines.decode(codec, codes.get(c), x.length);
                    for (double f : TonalPeaks.steadyLineFrequencies(x, y, config.sampleRate())) {
                        lines++;
                        double bin = config.sampleRate() / (double) TonalPeaks.fftSize(config.sampleRate());
                        comb += Math.abs(f - Math.round(f / config.frameRate()) * config.frameRate()) <= bin ? 1 : 0;
                    }
                    db += CombAnatomy.belowDb(y, config.hopLength()) / clips.size();
                    f1 += TonalPeaks.f1(x, y, config.sampleRate()) / clips.size();
                }
                String name = variant < 0 ? "none" : variant == stages.size() ? "all"
                        : "stage " + variant + " (x" + config.strides().get(config.strides().size() - 1 - variant)
                                + ")";
                System.out.printf(Locale.ROOT, "balanced: %-12s steady lines %4d, on the comb %4d, frame-periodic "
                        + "part %.1f dB below the output, tonal peak F1 %.3f (means over clips)%n", name, lines, comb, db, f1);
            }
        }
    }

    private static void collect(ai.djl.nn.Block block, List<CausalUpsample> out) {
        if (block instanceof CausalUpsample u) {
            out.add(u);
        }
        for (ai.djl.nn.Block child : block.getChildren().values()) {
            collect(child, out);
        }
    }
}
