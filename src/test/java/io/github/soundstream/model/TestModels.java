package io.github.soundstream.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/** Small configurations and seeded construction for tests. */
public final class TestModels {
    private TestModels() {
    }

    /** C=2, D=8, 4 quantizers of 16 codes, the real strides (hop 320). */
    public static ModelConfig micro() {
        return new ModelConfig(2, 8, List.of(2, 4, 5, 8), 4, 16, 24000);
    }

    public static SoundStreamGenerator generator(ModelConfig config, NDManager manager, long seed, DataType type) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SoundStreamGenerator g = new SoundStreamGenerator(config);
        g.initialize(manager, type);
        return g;
    }
}
