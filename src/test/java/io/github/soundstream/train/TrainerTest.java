package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.ClipSource;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.EngineSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    @TempDir
    Path dir;

    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    @BeforeAll
    static void training() {
        EngineSetup.configure(2);
    }

    private static TrainingSummary train(Trainer.Setup setup, TrainingModels models, ClipSource clips, long from,
            DataPosition at) throws IOException {
        return train(setup, models, clips, from, at, new ArrayList<>());
    }

    /** Runs and appends every step's reconstruction loss to {@code losses}. */
    private static TrainingSummary train(Trainer.Setup setup, TrainingModels models, ClipSource clips, long from,
            DataPosition at, List<Double> losses) throws IOException {
        return new Trainer(setup, models, clips, QUIET, true).onStep(r -> losses.add(r.reconstruction()))
                .run(from, at, 0, new AtomicBoolean());
    }

    @Test
    void aSpentCpuBudgetEndsTheRunWithTheStepSaved() throws IOException {
        Trainer.Setup setup = TrainingFixtures.setup(dir, TrainingFixtures.training(50, 3, 1000, 5));
        long[] reads = {0};
        // the process's CPU clock, as the budget reads it once per step: 3 steps' worth, then spent
        CpuBudget budget = new CpuBudget(3, () -> reads[0]++);
        TrainingSummary summary;
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            summary = new Trainer(setup, models, TrainingFixtures.clips(), QUIET, true).withCpuBudget(budget)
                    .run(0, DataPosition.START, 0, new AtomicBoolean());
        }
        assertEquals(StopReason.CPU_BUDGET, summary.stoppedBy());
        assertEquals(3, summary.finalStep());
        assertEquals(3, CheckpointFile.readMeta(summary.lastCheckpoint()).step());
    }

    @ParameterizedTest(name = "loss balancer {0}")
    @ValueSource(booleans = {false, true})
    void resumeIsExact(boolean lossBalancer) throws IOException {
        // 3 warm-up steps + 3 GAN steps in one run ...
        TrainingConfig six = TrainingFixtures.training(6, 3, 1000, 5).toBuilder().lossBalancer(lossBalancer).build();
        Trainer.Setup oneRun = TrainingFixtures.setup(dir.resolve("a"), six);
        List<Double> straight = new ArrayList<>();
        float[] straightWeights;
        try (TrainingModels models = new TrainingModels(oneRun.model(), oneRun.discriminators(), 7, Device.cpu())) {
            train(oneRun, models, TrainingFixtures.clips(), 0, DataPosition.START, straight);
            straightWeights = firstDecoderWeight(models);
        }
        // ... equals 4 steps, a checkpoint, a fresh process state, and 2 more
        Trainer.Setup firstLeg = TrainingFixtures.setup(dir.resolve("b"), six.toBuilder().maxSteps(4).build());
        TrainingSummary leg1;
        List<Double> resumed = new ArrayList<>();
        try (TrainingModels models = new TrainingModels(firstLeg.model(), firstLeg.discriminators(), 7, Device.cpu())) {
            leg1 = train(firstLeg, models, TrainingFixtures.clips(), 0, DataPosition.START, resumed);
        }
        CheckpointMeta meta = CheckpointFile.readMeta(leg1.lastCheckpoint());
        assertEquals(4, meta.step());
        Trainer.Setup secondLeg = TrainingFixtures.setup(dir.resolve("b"), six);
        float[] resumedWeights;
        try (TrainingModels models = new TrainingModels(secondLeg.model(), secondLeg.discriminators(), 99,
                Device.cpu())) {
            models.load(leg1.lastCheckpoint(), true);
            train(secondLeg, models, TrainingFixtures.clips(), meta.step(), meta.position(), resumed);
            resumedWeights = firstDecoderWeight(models);
        }
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertEquals(straight.get(i), resumed.get(i), 1e-6, "reconstruction loss of step " + i);
        }
        assertArrayEquals(straightWeights, resumedWeights, 1e-6f);
    }

    private static float[] firstDecoderWeight(TrainingModels models) {
        for (var e : models.generator().decoder().getParameters()) {
            Parameter p = e.getValue();
            return p.getArray().toFloatArray();
        }
        throw new AssertionError();
    }

    @Test
    void nonFiniteStepsAreSkippedAndTenInARowStopWithTheLastGoodStateSaved() throws IOException {
        ClipSource poisoned = new ClipSource() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public float[] clip(int index, long cropSeed) {
                float[] x = new float[4000];
                java.util.Arrays.fill(x, Float.NaN);
                return x;
            }

            @Override
            public String describe(int index) {
                return "nan " + index;
            }
        };
        Trainer.Setup setup = TrainingFixtures.setup(dir, TrainingFixtures.training(50, 0, 1000, 5));
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            float[] before = firstDecoderWeight(models);
            TrainingSummary s = train(setup, models, poisoned, 0, DataPosition.START);
            assertEquals(StopReason.NON_FINITE, s.stoppedBy());
            assertEquals(Trainer.MAX_NON_FINITE_IN_A_ROW, s.finalStep());
            assertEquals(Trainer.MAX_NON_FINITE_IN_A_ROW, s.skippedSteps());
            assertArrayEquals(before, firstDecoderWeight(models), "no update from a non-finite step");
            assertTrue(s.lastCheckpoint().toString().endsWith("soundstream_step_10.ckpt"));
        }
    }

    @Test
    void checkpointsAreRetainedByStepNumberAndTbcheckAcceptsTheLogs() throws Exception {
        TrainingConfig t = TrainingConfig.builder().maxSteps(5).generatorLr(1e-3).discriminatorLr(1e-3)
                .discWarmupSteps(2).saveInterval(1).maxCheckpoints(2).sampleInterval(2).logInterval(1).seed(7).build();
        Trainer.Setup setup = TrainingFixtures.setup(dir, t);
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            TrainingSummary s = train(setup, models, TrainingFixtures.clips(), 0, DataPosition.START);
            assertEquals(StopReason.MAX_STEPS, s.stoppedBy());
        }
        CheckpointStore store = new CheckpointStore(setup.checkpointDir());
        assertEquals(List.of("soundstream_step_4.ckpt", "soundstream_step_5.ckpt"),
                store.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(5L, CheckpointStore.step(store.latest().orElseThrow()).orElseThrow());
        io.github.soundstream.tensorboard.TbCheckAccess.verify(setup.logDir(), "--strict", "--expect-kind",
                "loss/reconstruction=scalar", "--expect-kind", "loss/discriminator=scalar", "--expect-kind",
                "audio/clip0/original=audio", "--expect-kind", "mel/clip0/0.4kbps_original_vs_reconstruction=image",
                "--expect-kind", "config=text", "--expect-kind", "codebook/perplexity_layer0=scalar",
                "--expect-kind", "codebook/codes_used_since_last_log_layer0=scalar",
                "--expect-kind", "device/cpu_memory_used_mb=scalar",
                "--expect-kind", "device/cpu_memory_total_mb=scalar");
    }

    @Test
    void resumingWithOtherModelDimensionsIsRefused() throws IOException {
        Trainer.Setup setup = TrainingFixtures.setup(dir, TrainingFixtures.training(1, 0, 1, 5));
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            train(setup, models, TrainingFixtures.clips(), 0, DataPosition.START);
        }
        var other = new io.github.soundstream.model.ModelConfig(4, 8, java.util.List.of(2, 4, 5, 8), 4, 16,
                TrainingFixtures.RATE);
        Trainer.Setup asked = new Trainer.Setup("test", null, null, other, setup.discriminators(), setup.data(),
                setup.training(), setup.checkpointDir(), setup.logDir());
        var request = TrainingFixtures.request(asked, true, "latest", TrainingSession.Changes.NONE);
        TrainingSetupException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingSetupException.class,
                () -> TrainingSession.run(request, QUIET, s -> { }));
        assertTrue(e.getMessage().startsWith("incompatible --resume checkpoint"), e.getMessage());
    }

    @Test
    void resumingAppliesTheChangesGivenSaysSoAndKeepsTheRest() throws IOException {
        Trainer.Setup setup = TrainingFixtures.setup(dir, TrainingFixtures.training(1, 0, 1, 5));
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            train(setup, models, TrainingFixtures.clips(), 0, DataPosition.START);
        }
        Trainer.Setup asked = new Trainer.Setup("test", null, null, setup.model(), setup.discriminators(),
                setup.data(), TrainingFixtures.training(2, 0, 1, 5), setup.checkpointDir(), setup.logDir());
        var changes = new TrainingSession.Changes(3, null, 5e-4, null, null, null, null, null, null);
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        TrainingSummary s = TrainingSession.run(TrainingFixtures.request(asked, false, "latest", changes),
                new java.io.PrintStream(console, true), x -> { });
        assertTrue(console.toString().contains("resuming with changes: batchSize 2 → 3, generatorLr 0.001 → 5.0E-4; "
                + "the run is no longer bit-exact with an uninterrupted one"), console.toString());
        CheckpointMeta after = CheckpointFile.readMeta(s.lastCheckpoint());
        assertEquals(2, after.step());
        assertEquals(3, after.data().batchSize());
        assertEquals(5e-4, after.training().generatorLr());
        assertEquals(1e-3, after.training().discriminatorLr(), "not given: kept");
        assertEquals(CheckpointFile.readMeta(setup.checkpointDir().resolve("soundstream_step_1.ckpt")).runId(),
                after.runId(), "the same run");

        var wider = new TrainingSession.Request(new Trainer.Setup("test", null, null, setup.model(),
                setup.discriminators().withWeightNorm(true), setup.data(), setup.training(), setup.checkpointDir(),
                setup.logDir()), false, true, TrainingSession.Changes.NONE, null, "latest", null, "cpu", true, null,
                false);
        TrainingSetupException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingSetupException.class,
                () -> TrainingSession.run(wider, QUIET, x -> { }));
        assertTrue(e.getMessage().contains("discriminators"), e.getMessage());
    }

    @Test
    void theTimeDomainL1AndStftTermsAndTheBetasGivenAreUsed() throws Exception {
        TrainingConfig base = TrainingFixtures.training(2, 5, 1000, 5); // warm-up: generator losses only
        List<List<StepResult>> results = new ArrayList<>();
        float[][] weights = new float[4][];
        TrainingConfig[] configs = {base, base.toBuilder().lambdaL1(0.1).build(),
            base.toBuilder().betas(0.8, 0.99).build(), base.toBuilder().lambdaStft(2).build()};
        for (int i = 0; i < configs.length; i++) {
            Trainer.Setup setup = TrainingFixtures.setup(dir.resolve("r" + i), configs[i]);
            try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
                List<StepResult> steps = new ArrayList<>();
                new Trainer(setup, models, TrainingFixtures.clips(), QUIET, true).onStep(steps::add)
                        .run(0, DataPosition.START, 0, new java.util.concurrent.atomic.AtomicBoolean());
                results.add(steps);
                weights[i] = firstDecoderWeight(models);
            }
        }
        for (StepResult r : results.get(1)) {
            double l1 = r.generator().timeL1();
            assertTrue(l1 > 0, "the L1 term is computed: " + l1);
            assertEquals(r.reconstruction() + r.commitment() + 0.1 * l1, r.generatorTotal(),
                    1e-5 * Math.abs(r.generatorTotal()), "total = mel + commitment + 0.1 · L1");
        }
        for (StepResult r : results.get(3)) {
            double stft = r.generator().stft();
            assertTrue(stft > 0, "the STFT term is computed: " + stft);
            assertEquals(r.reconstruction() + r.commitment() + 2 * stft, r.generatorTotal(),
                    1e-5 * Math.abs(r.generatorTotal()), "total = mel + commitment + 2 · STFT");
        }
        assertTrue(Double.isNaN(results.get(0).get(0).generator().stft()), "no STFT term at weight 0");
        assertTrue(java.util.Arrays.stream(new int[] {1, 2, 3}).allMatch(i -> !java.util.Arrays.equals(weights[0],
                weights[i])), "each option changes the update");
        io.github.soundstream.tensorboard.TbCheckAccess.verify(dir.resolve("r1/logs"), "--expect-kind",
                "loss/time_l1=scalar");
        io.github.soundstream.tensorboard.TbCheckAccess.verify(dir.resolve("r3/logs"), "--expect-kind",
                "loss/stft=scalar");
    }

    @Test
    void sampleBitratesAreNamedAndDistinct() {
        var base = io.github.soundstream.model.ModelConfig.base();
        assertEquals(java.util.List.of(2, 4, 8), new ArrayList<>(TrainingTelemetry.sampleLayers(base)));
        assertEquals("1.5", TrainingTelemetry.kbps(base.bitrate(2)));
        assertEquals("6", TrainingTelemetry.kbps(base.bitrate(8)));
        assertEquals(java.util.List.of(4), new ArrayList<>(TrainingTelemetry.sampleLayers(TrainingFixtures.model())));
    }
}
