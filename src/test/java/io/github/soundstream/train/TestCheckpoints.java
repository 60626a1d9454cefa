package io.github.soundstream.train;

import ai.djl.Device;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataPosition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real checkpoint of the micro model after two training steps (8 kHz, 4 layers of 16 codes), for codec tests. */
public final class TestCheckpoints {
    private TestCheckpoints() {
    }

    public static Path micro(Path dir, long seed) throws IOException {
        TrainingConfig t = TrainingConfig.builder().maxSteps(2).generatorLr(1e-3).discriminatorLr(1e-3)
                .discWarmupSteps(5).saveInterval(2).maxCheckpoints(1).logInterval(1).seed(seed).build();
        Trainer.Setup setup = TrainingFixtures.setup(dir, t);
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), seed, Device.cpu())) {
            return new Trainer(setup, models, TrainingFixtures.clips(),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true)
                    .run(0, DataPosition.START, 0, new AtomicBoolean()).lastCheckpoint();
        }
    }
}
