package io.github.soundstream.train;

import ai.djl.Device;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.EngineSetup;
import java.nio.file.Path;

/** Child process for {@link KillDuringSaveTest}: saves checkpoints back to back until killed. */
public final class SavingChild {
    private SavingChild() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.configure(1);
        Trainer.Setup setup = TrainingFixtures.setup(Path.of(args[0]), TrainingFixtures.training(100, 0, 1, 1000));
        CheckpointStore store = new CheckpointStore(setup.checkpointDir());
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 7, Device.cpu())) {
            for (long step = 1; ; step++) {
                CheckpointMeta meta = new CheckpointMeta("test", "run", setup.runId(), setup.model(), setup.discriminators(),
                        setup.data(), setup.training(), step, DataPosition.START, 0);
                store.save(step, setup.runId(), file -> models.save(file, meta));
                System.out.println("saved " + step);
                System.out.flush();
            }
        }
    }
}
