package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline from the Maven natives jar and computes. */
class EngineSetupTest {
    @Test
    void engineLoadsOfflineAndComputes() {
        EngineSetup.configure(1);
        Engine engine = EngineSetup.engine();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.3.1", engine.getVersion());
        try (NDManager m = engine.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            assertArrayEquals(new float[] {2f, 4f, 6f}, x.add(x).toFloatArray());
        }
        List<String> lines = EngineSetup.describe(engine);
        assertTrue(lines.get(0).startsWith("engine: PyTorch 2.3.1"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("natives: ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("threads: 1 intra-op")), lines.toString());
    }
}
