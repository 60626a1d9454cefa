package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.BatchLoader;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.EngineSetup;
import org.junit.jupiter.api.Test;

/**
 * Every array a step makes must die with the step's manager. An op whose first operand is a parameter attaches its
 * result to the parameter's long-lived manager instead; two such leaks (the codebook lookup cache and the upsampler's
 * bias view) once added 8 MB a step to a tiny model's resident memory, which only a long soak showed.
 */
class TrainingStepMemoryTest {
    @Test
    void stepsLeaveNoArraysOnTheModelsManager() throws Exception {
        EngineSetup.configure(2);
        TrainingConfig config = TrainingFixtures.training(10, 2, 1000, 1); // the GAN starts at step 2
        try (TrainingModels models = new TrainingModels(TrainingFixtures.model(), TrainingFixtures.discriminators(), 7,
                Device.cpu());
                BatchLoader loader = new BatchLoader(TrainingFixtures.clips(), 2, TrainingFixtures.data().clipSamples(),
                        7, 1, DataPosition.START)) {
            TrainingStep step = new TrainingStep(models, config);
            int settled = 0;
            for (int s = 0; s < 8; s++) {
                step.run(s, loader.next());
                if (s == 3) { // optimizer state and codebooks exist by now
                    settled = models.manager().getManagedArrays().size();
                }
            }
            assertEquals(settled, models.manager().getManagedArrays().size(), "arrays left behind by steps 4-7");
        }
    }
}
