package io.github.soundstream.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.Batch;
import io.github.soundstream.data.BatchLoader;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.model.VectorQuantizer;

/**
 * Layer-0 codebook health in the demo's regime (tiny, a synthetic corpus of one-second clips, 64 unless given; the
 * demo's has 256; warm-up steps): every 10 steps the codes used in the batch and in the last 10 batches, codes
 * replaced, and the embeddings' spread and mean; at the end, distinct codes and quantisation error over the whole
 * training corpus, over its first 64 clips and over 64 clips it never saw (the same number of frames), next to the
 * variance of their embeddings.
 * Not a test: {@code CodebookUse <steps> <batch> [clips]}, see docs/BENCHMARKS.md.
 */
public final class CodebookUse {
    private static final int RATE = 24000;

    private CodebookUse() {
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        int batchSize = Integer.parseInt(args[1]);
        int clips = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        EngineSetup.configure(2);
        ModelConfig model = ModelConfig.tiny();
        TrainingConfig config = TrainingConfig.builder().maxSteps(steps).discWarmupSteps(Long.MAX_VALUE / 2)
                .saveInterval(Long.MAX_VALUE / 2).maxCheckpoints(1).sampleInterval(Long.MAX_VALUE / 2).build();
        try (TrainingModels models = new TrainingModels(model, DiscriminatorConfig.small(), 42, Device.cpu());
                BatchLoader loader = new BatchLoader(new SyntheticClips(42, clips, RATE, RATE), batchSize, RATE, 42, 1,
                        DataPosition.START)) {
            TrainingStep trainingStep = new TrainingStep(models, config);
            SoundStreamGenerator g = models.generator();
            java.util.BitSet used = new java.util.BitSet();
            for (int s = 0; s < steps; s++) {
                Batch batch = loader.next();
                StepResult r = trainingStep.run(s, batch);
                for (long code : r.codes()[0]) {
                    used.set((int) code);
                }
                if (s % 10 == 0) {
                    try (NDManager m = models.manager().newSubManager()) {
                        NDArray z = frames(g, m.create(batch.audio(), new Shape(batch.clips(), 1, batch.samples())));
                        NDArray mean = z.mean(new int[] {0});
                        System.out.printf("step %d rec %.1f | layer 0: %d codes in the batch, %d in the last 10, %d"
                                + " replaced | embedding spread %.3f, mean norm %.3f%n", s, r.reconstruction(),
                                r.codesInUse(0), used.cardinality(), r.codesReplaced().length > 0
                                        ? r.codesReplaced()[0] : 0,
                                Math.sqrt(z.sub(mean).square().sum(new int[] {1}).mean().getFloat()),
                                Math.sqrt(mean.square().sum().getFloat()));
                    }
                    used.clear();
                }
            }
            report("training corpus", new SyntheticClips(42, clips, RATE, RATE), g, models.manager());
            // distinct codes grow with the number of frames: compare unseen clips with as many training clips
            report("64 training clips", new SyntheticClips(42, 64, RATE, RATE), g, models.manager());
            report("64 unseen clips", new SyntheticClips(7, 64, RATE, RATE), g, models.manager());
        }
    }

    /** Distinct layer-0 codes over a whole corpus, and the quantisation error next to the embeddings' variance. */
    private static void report(String name, SyntheticClips corpus, SoundStreamGenerator g, NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            NDList parts = new NDList();
            for (int i = 0; i < corpus.size(); i++) {
                parts.add(frames(g, m.create(corpus.clip(i, 7), new Shape(1, 1, RATE))));
            }
            NDArray all = NDArrays.concat(parts, 0);
            VectorQuantizer layer = g.quantizer().layer(0);
            NDArray codes = layer.nearest(all);
            System.out.printf("%s (%d frames): %d distinct layer-0 codes of %d, quantisation error %.3g per"
                    + " element, embedding variance %.3g%n", name, all.getShape().get(0),
                    VectorQuantizer.distinct(codes), layer.size(),
                    all.sub(layer.lookup(codes)).square().mean().getFloat(),
                    all.sub(all.mean(new int[] {0})).square().mean().getFloat());
        }
    }

    /** Encoder frames (N, D) of audio (B, 1, T). */
    private static NDArray frames(SoundStreamGenerator g, NDArray audio) {
        NDArray z = g.embed(audio, false);
        return z.transpose(0, 2, 1).reshape(-1, z.getShape().get(1));
    }
}
