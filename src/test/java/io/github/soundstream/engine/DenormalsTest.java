package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Denormal floats become zero in libtorch's arithmetic on every thread that runs the model. */
class DenormalsTest {
    private static final float DENORMAL = 1e-39f; // below Float.MIN_NORMAL (1.18e-38)

    @BeforeAll
    static void engine() {
        EngineSetup.configure(1);
        EngineSetup.engine();
    }

    @Test
    void aDenormalInputCountsAsZeroAfterFlushing() {
        assertTrue(DENORMAL > 0 && DENORMAL < Float.MIN_NORMAL);
        assertTrue(Denormals.flushToZero(), "x86-64 has FTZ and DAZ");
        assertEquals(0f, scaled());
    }

    @Test
    void anInferenceScopeFlushesOnItsOwnThread() throws Exception {
        AtomicReference<Float> out = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try (InferenceScope ignored = new InferenceScope()) {
                out.set(scaled());
            }
        });
        worker.start();
        worker.join();
        assertEquals(0f, out.get());
    }

    /** The denormal times 2: 2e-39 in IEEE arithmetic, 0 with denormals flushed. */
    private static float scaled() {
        try (NDManager m = NDManager.newBaseManager()) {
            return m.create(new float[] {DENORMAL}).mul(2f).getFloat(0);
        }
    }
}
