package io.github.soundstream.train;

import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.checkpoint.ConfigJson;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.Batch;
import io.github.soundstream.data.BatchLoader;
import io.github.soundstream.data.ClipSource;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.Denormals;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.tensorboard.SummaryWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: batches in, one {@link TrainingStep} each, telemetry, checkpoints every save interval and at
 * the end. It stops at max steps, when its CPU budget is spent, when {@code stop} is raised (Ctrl-C / SIGTERM:
 * the current step finishes and is saved), or after {@value #MAX_NON_FINITE_IN_A_ROW} non-finite steps in a row
 * (the last good state is saved).
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    static final int MAX_NON_FINITE_IN_A_ROW = 10;
    private static final int VALIDATION_CLIPS = 3;

    /** What to train and where to write. */
    public record Setup(String version, String runName, String runId, ModelConfig model, DiscriminatorConfig discriminators,
            DataConfig data, TrainingConfig training, Path checkpointDir, Path logDir) {
        Path runDir() {
            return logDir.resolve(runName);
        }

        /** The configurations by section, as checkpoints and the run's config.json name them. */
        Map<String, Record> sections() {
            Map<String, Record> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("discriminators", discriminators);
            m.put("data", data);
            m.put("training", training);
            return m;
        }
    }

    private final Setup setup;
    private final TrainingModels models;
    private final ClipSource clips;
    private final PrintStream console;
    private final boolean quiet;
    private java.util.function.Consumer<StepResult> stepListener = r -> { };
    private CpuBudget cpuBudget = CpuBudget.UNLIMITED;
    private List<TrainingModels> replicas = List.of();

    /** Further replicas, one per further device, for data-parallel steps (see {@link ReplicaGroup}). */
    public Trainer withReplicas(List<TrainingModels> others) {
        this.replicas = List.copyOf(others);
        return this;
    }

    /** Stops the run, saved, once the process has used this much CPU time. */
    public Trainer withCpuBudget(CpuBudget budget) {
        this.cpuBudget = budget;
        return this;
    }

    /** Called after every step (benchmarks sample memory with it). */
    public Trainer onStep(java.util.function.Consumer<StepResult> listener) {
        this.stepListener = listener;
        return this;
    }

    public Trainer(Setup setup, TrainingModels models, ClipSource clips, PrintStream console, boolean quiet) {
        this.setup = setup;
        this.models = models;
        this.clips = clips;
        this.console = console;
        this.quiet = quiet;
    }

    /** Runs from {@code startStep} at data position {@code start} until a stop condition. */
    public TrainingSummary run(long startStep, DataPosition start, long skippedBefore, AtomicBoolean stop)
            throws IOException {
        TrainingConfig tc = setup.training();
        Denormals.flushToZero(); // on the thread that runs the steps, whichever it is
        CheckpointStore store = new CheckpointStore(setup.checkpointDir());
        store.removeInterruptedSaves(setup.runId());
        List<TrainingModels> all = new ArrayList<>();
        all.add(models);
        all.addAll(replicas);
        TrainingStep trainingStep = new TrainingStep(new ReplicaGroup(all), tc);
        List<float[]> validation = validationClips();
        long step = startStep;
        long skipped = skippedBefore;
        int nonFiniteRun = 0;
        StopReason stoppedBy = StopReason.MAX_STEPS;
        Path last = null;
        DataConfig dc = setup.data();
        try (BatchLoader loader = new BatchLoader(clips, dc.batchSize(), dc.clipSamples(), tc.seed(), dc.workers(),
                start);
                TrainingTelemetry telemetry = new TrainingTelemetry(new SummaryWriter(setup.runDir()), console, quiet,
                        tc.maxSteps(), tc.logInterval(), setup.model().numQuantizers(),
                        all.stream().map(m -> m.manager().getDevice()).toList())) {
            if (startStep == 0) {
                telemetry.text("config", 0, ConfigJson.markdown(setup.sections()));
            }
            while (step < tc.maxSteps()) {
                if (stop.get()) {
                    stoppedBy = StopReason.SIGNAL;
                    break;
                }
                if (cpuBudget.spent()) {
                    stoppedBy = StopReason.CPU_BUDGET;
                    break;
                }
                Batch batch = loader.next();
                StepResult r = trainingStep.run(step, batch);
                step++;
                stepListener.accept(r);
                telemetry.step(r, tc.generatorLr() * Math.pow(tc.lrDecay(), models.generatorOptimizer().steps()),
                        tc.discriminatorLr() * Math.pow(tc.lrDecay(), models.discriminatorOptimizer().steps()),
                        loader.waitSeconds(), startStep);
                if (r.skipped()) {
                    skipped++;
                    nonFiniteRun++;
                    LOG.warn("step {}: non-finite loss or gradient, update skipped ({} in a row)", r.step(),
                            nonFiniteRun);
                    if (nonFiniteRun >= MAX_NON_FINITE_IN_A_ROW) {
                        stoppedBy = StopReason.NON_FINITE;
                        break;
                    }
                } else {
                    nonFiniteRun = 0;
                }
                if (step % tc.sampleInterval() == 0 || step == startStep + 1) {
                    telemetry.samples(step, models.generator(), validation, models.manager());
                }
                if (step % tc.saveInterval() == 0) {
                    last = save(store, step, loader.position(), skipped);
                }
            }
            telemetry.endLine();
            if (last == null || CheckpointStore.step(last).orElse(-1L) != step) {
                last = save(store, step, loader.position(), skipped);
            }
            return new TrainingSummary(step, last, setup.runDir(), stoppedBy, skipped, loader.skippedFiles());
        }
    }

    private Path save(CheckpointStore store, long step, DataPosition position, long skipped) throws IOException {
        CheckpointMeta meta = new CheckpointMeta(setup.version(), setup.runName(), setup.runId(), setup.model(),
                setup.discriminators(), setup.data(), setup.training(), step, position, skipped);
        Path p = store.save(step, setup.runId(), file -> models.save(file, meta));
        for (Path old : store.prune(setup.runId(), setup.training().maxCheckpoints())) {
            LOG.info("removed old checkpoint {}", old);
        }
        return p;
    }

    private List<float[]> validationClips() throws IOException {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(VALIDATION_CLIPS, clips.size()); i++) {
            try {
                out.add(clips.clip(i, 0));
            } catch (io.github.soundstream.audio.AudioFileException e) {
                LOG.warn("validation clip {} unreadable: {}", i, e.getMessage());
            }
        }
        return out;
    }
}
