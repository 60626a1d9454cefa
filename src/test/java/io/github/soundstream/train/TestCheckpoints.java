package io.github.soundstream.train;

import ai.djl.Device;
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
        TrainingConfig t = new TrainingConfig(2, 1e-3, 1e-3, 0.999996, 5, 2, 1, 1000, 1, seed, 1, 100, 1, 1, 0.5);
        Trainer.Setup setup = TrainingFixtures.setup(dir, t);
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), seed, Device.cpu())) {
            return new Trainer(setup, models, TrainingFixtures.clips(),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true)
                    .run(0, DataPosition.START, 0, new AtomicBoolean()).lastCheckpoint();
        }
    }
}
