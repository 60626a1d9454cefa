package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AllocatorTuningTest {
    /** mallopt answers 1 only for a parameter and value it accepted: a wrong constant would silently do nothing. */
    @Test
    void glibcAcceptsTheTuning() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "glibc only");
        Assumptions.assumeTrue(System.getenv("MALLOC_MMAP_MAX_") == null
                && System.getenv("MALLOC_TRIM_THRESHOLD_") == null, "the user's own malloc settings win");
        assertTrue(AllocatorTuning.apply());
        // large native blocks still come and go once mmap is off (served from the heap instead)
        for (int i = 0; i < 4; i++) {
            try (com.sun.jna.Memory block = new com.sun.jna.Memory(48L << 20)) {
                block.setByte(block.size() - 1, (byte) i);
                assertEquals((byte) i, block.getByte(block.size() - 1));
            }
        }
    }
}
