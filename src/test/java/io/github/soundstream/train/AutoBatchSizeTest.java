package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoBatchSizeTest {
    @Test
    void cpuBatchComesFromTheFixedAndPerClipCostsAgainstUsableMemory() {
        // the README's base preset at 2 s clips: 2.62 GB fixed + 1.47 GB per clip
        double one = 2620 + 1470;
        double two = 2620 + 2 * 1470;
        // 12 GB usable, 10 % kept: (11059 - 2620) / 1470 = 5.7 clips
        assertEquals(5, AutoBatchSize.onCpu(one, two, 12288, 1, 8).perDevice());
        assertEquals(8, AutoBatchSize.onCpu(one, two, 65536, 1, 8).perDevice(), "never above the recipe's batch");
        AutoBatchSize.Choice shared = AutoBatchSize.onCpu(one, two, 12288, 2, 8);
        assertEquals(2, shared.perDevice(), "two CPU replicas share the 5 clips that fit");
        assertEquals(4, shared.total());
        assertEquals(1, AutoBatchSize.onCpu(one, two, 2048, 1, 8).perDevice(), "one clip at least");
    }

    @Test
    void outOfMemoryIsRecognisedAnywhereInTheCauses() {
        assertTrue(AutoBatchSize.isOutOfMemory(new EngineException("step failed", new RuntimeException(
                "CUDA out of memory. Tried to allocate 2.00 GiB"))));
        assertFalse(AutoBatchSize.isOutOfMemory(new EngineException("shape mismatch")));
    }

    @Test
    void realStepsOnTheCpuGiveABatchWithinTheCeiling() {
        ModelConfig micro = TrainingFixtures.model();
        AutoBatchSize.Choice c = new AutoBatchSize(micro, DiscriminatorConfig.tiny(), TrainingConfig.builder().build(),
                micro.sampleRate() / 2).choose(List.of(Device.cpu()), 3);
        assertTrue(c.perDevice() >= 1 && c.perDevice() <= 3, c.toString());
        assertTrue(c.how().contains("per clip"), c.how());
    }
}
