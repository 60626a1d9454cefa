package io.github.soundstream.train;

import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.ClipSource;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;

/** Very small training set-ups (8 kHz, 0.5 s clips, micro networks) that run a step in a fraction of a second. */
final class TrainingFixtures {
    static final int RATE = 8000;

    private TrainingFixtures() {
    }

    static ModelConfig model() {
        return new ModelConfig(2, 8, List.of(2, 4, 5, 8), 4, 16, RATE);
    }

    static DiscriminatorConfig discriminators() {
        return new DiscriminatorConfig(2, 4, 2, 256, 64, false, DiscriminatorConfig.DEFAULT_SET);
    }

    static DataConfig data() {
        return new DataConfig(null, RATE, 0.5, 2, 1, 16);
    }

    static TrainingConfig training(long maxSteps, long warmup, long saveInterval, int keep) {
        return TrainingConfig.builder().maxSteps(maxSteps).generatorLr(1e-3).discriminatorLr(1e-3)
                .discWarmupSteps(warmup).saveInterval(saveInterval).maxCheckpoints(keep).logInterval(1).seed(7).build();
    }

    static Trainer.Setup setup(Path dir, TrainingConfig training) {
        return new Trainer.Setup("test", "run", "testrun1", model(), discriminators(), data(), training, dir.resolve("ck"),
                dir.resolve("logs"));
    }

    static ClipSource clips() {
        DataConfig d = data();
        return new SyntheticClips(7, d.syntheticClips(), d.sampleRate(), d.clipSamples());
    }

    /** A session request for {@code setup} (its run name and id are ignored), on the CPU, quiet. */
    static TrainingSession.Request request(Trainer.Setup setup, boolean modelGiven, String resume,
            TrainingSession.Changes changes) {
        return new TrainingSession.Request(setup, modelGiven, false, changes, null, resume, null, "cpu", true, null,
                false);
    }
}