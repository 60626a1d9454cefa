package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.Batch;
import io.github.soundstream.data.BatchLoader;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.EngineSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data parallelism on CPU replicas: 2 and 4 replicas, each on its share of the batch, equal one replica with the
 * whole batch over warm-up and GAN steps (losses, weights, codebooks, EMA statistics and optimizer moments to float32
 * tolerance, codes replaced exactly), and a run resumes across replica counts.
 */
class DataParallelTest {
    private static final int BATCH = 8;
    private static final long SEED = 7;
    // 2 generator-only steps, then 2 GAN steps, at the original's learning rate
    private static final TrainingConfig CONFIG = TrainingFixtures.training(4, 2, 1000, 5).toBuilder()
            .generatorLr(1e-4).discriminatorLr(1e-4).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @ParameterizedTest(name = "{0} replicas, loss balancer {1}")
    @CsvSource({"2, false", "4, false", "2, true"})
    void replicasEqualOneReplicaWithTheWholeBatch(int replicas, boolean lossBalancer) {
        List<Batch> batches = batches(4);
        TrainingConfig config = CONFIG.toBuilder().lossBalancer(lossBalancer).build();
        try (Group one = new Group(1); Group many = new Group(replicas)) {
            TrainingStep single = new TrainingStep(one.group, config);
            TrainingStep split = new TrainingStep(many.group, config);
            for (Batch b : batches) {
                StepResult a = single.run(b.index(), b);
                StepResult c = split.run(b.index(), b);
                String at = "step " + b.index() + ": ";
                close(a.reconstruction(), c.reconstruction(), at + "reconstruction");
                close(a.commitment(), c.commitment(), at + "commitment");
                close(a.generatorTotal(), c.generatorTotal(), at + "generator loss");
                close(a.generatorGradNorm(), c.generatorGradNorm(), at + "generator gradient norm");
                assertEquals(a.adversarial(), c.adversarial(), at + "adversarial or not");
                if (a.adversarial()) {
                    close(a.discriminatorLoss(), c.discriminatorLoss(), at + "discriminator loss");
                    close(a.discriminatorGradNorm(), c.discriminatorGradNorm(), at + "discriminator gradient norm");
                }
                assertArrayEquals(a.codesReplaced(), c.codesReplaced(), at + "codes replaced");
            }
            assertSameState(one.group.primary(), many.group.primary(), "after 4 steps");
            // replicas hold weights and codebooks; only the primary has optimizers
            for (TrainingModels r : many.group.all()) {
                assertSameParameters(many.group.primary().generator(), r.generator(), "a replica's generator");
                assertSameParameters(many.group.primary().discriminators(), r.discriminators(),
                        "a replica's discriminators");
            }
        }
    }

    @Test
    void aRunResumesAcrossReplicaCounts() throws Exception {
        List<Batch> batches = batches(4);
        Path ck = dir.resolve("two.ckpt");
        try (Group straight = new Group(1); Group first = new Group(2)) {
            TrainingStep s = new TrainingStep(straight.group, CONFIG);
            batches.forEach(b -> s.run(b.index(), b));
            TrainingStep f = new TrainingStep(first.group, CONFIG);
            batches.subList(0, 2).forEach(b -> f.run(b.index(), b));
            Trainer.Setup setup = TrainingFixtures.setup(dir, CONFIG);
            first.group.primary().save(ck, new CheckpointMeta("test", "run", "testrun1", setup.model(),
                    setup.discriminators(), setup.data(), CONFIG, 2, DataPosition.START, 0));
            for (int replicas : new int[] {1, 4}) {
                try (Group resumed = new Group(replicas)) {
                    resumed.group.primary().load(ck, true);
                    TrainingStep r = new TrainingStep(resumed.group, CONFIG);
                    batches.subList(2, 4).forEach(b -> r.run(b.index(), b));
                    assertSameState(straight.group.primary(), resumed.group.primary(), "2 replicas for 2 steps, then "
                            + replicas + " for 2");
                }
            }
        }
    }

    /** A batch that does not split evenly over the replicas is refused with the nearest sizes that do. */
    @Test
    void anUnevenSplitIsRefused() {
        Batch b = batches(1).get(0);
        try (Group group = new Group(3)) {
            TrainingStep s = new TrainingStep(group.group, CONFIG);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> s.run(0, b));
            assertTrue(e.getMessage().contains("8 clips") && e.getMessage().contains("3 devices")
                    && e.getMessage().contains("6 or 9"), e.getMessage());
        }
    }

    private static List<Batch> batches(int n) {
        try {
            return load(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Batch> load(int n) throws java.io.IOException {
        DataConfig d = TrainingFixtures.data();
        List<Batch> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(TrainingFixtures.clips(), BATCH, d.clipSamples(), SEED, 1,
                DataPosition.START)) {
            for (int i = 0; i < n; i++) {
                Batch b = loader.next();
                out.add(new Batch(b.audio(), b.clips(), b.samples(), b.epoch(), i));
            }
        }
        return out;
    }

    /**
     * Float32 tolerance for a few steps: the sums over the batch run in another order (per share, then across
     * shares), which moves losses by 1e-7 at the first step and, amplified by the GAN steps, by up to 3e-4 at the
     * sixth (measured).
     */
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-3 * Math.max(1, Math.abs(expected)), what);
    }

    /** Every parameter and buffer of both networks, and the optimizers' moments, within float32 tolerance. */
    private static void assertSameState(TrainingModels a, TrainingModels b, String when) {
        assertSameParameters(a.generator(), b.generator(), when + ", generator");
        assertSameParameters(a.discriminators(), b.discriminators(), when + ", discriminators");
        assertEquals(a.generatorOptimizer().steps(), b.generatorOptimizer().steps(), when);
        assertEquals(a.discriminatorOptimizer().steps(), b.discriminatorOptimizer().steps(), when);
        for (String name : a.generatorParameters().keySet()) {
            NDArray[] ma = a.generatorOptimizer().moments(name);
            NDArray[] mb = b.generatorOptimizer().moments(name);
            for (int i = 0; i < 2; i++) {
                near(ma[i].toFloatArray(), mb[i].toFloatArray(), when + ", Adam moment " + i + " of " + name);
            }
        }
    }

    private static void assertSameParameters(Block a, Block b, String when) {
        var other = b.getParameters();
        for (var e : a.getParameters()) {
            near(e.getValue().getArray().toFloatArray(), other.get(e.getKey()).getArray().toFloatArray(),
                    when + " " + e.getKey());
        }
    }

    /**
     * Within float32 tolerance as a whole array: ‖a − b‖ ≤ 1e-3·‖a‖ + 0.1·lr·√n. The second term: Adam moves a
     * parameter by about the learning rate per step whatever its gradient's size, so where a gradient is nearly
     * zero, rounding noise in it moves that element by up to a step (measured: single elements off by most of one
     * step, arrays by well under the bound); a wrong gradient moves whole arrays.
     */
    private static void near(float[] a, float[] b, String what) {
        assertEquals(a.length, b.length, what);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            norm += a[i] * (double) a[i];
        }
        double bound = 1e-3 * Math.sqrt(norm) + 0.1 * CONFIG.generatorLr() * Math.sqrt(a.length);
        assertTrue(Math.sqrt(diff) <= bound, what + ": ‖a − b‖ = " + Math.sqrt(diff) + " > " + bound);
    }

    /** n replicas of the micro models on the CPU. */
    private static final class Group implements AutoCloseable {
        final ReplicaGroup group;

        Group(int n) {
            List<TrainingModels> models = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                models.add(new TrainingModels(TrainingFixtures.model(), TrainingFixtures.discriminators(), SEED,
                        Device.cpu()));
            }
            group = new ReplicaGroup(models);
        }

        @Override
        public void close() {
            group.all().forEach(TrainingModels::close);
        }
    }
}
