package io.github.soundstream.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps glibc's malloc from handing training's large tensors back to the kernel after every use.
 *
 * <p>Why: a training step allocates and frees the same large activations, gradients and oneDNN scratch buffers
 * every time. By default glibc serves big blocks with a fresh {@code mmap} and unmaps them on free, so each step
 * page-faults and zeroes gigabytes again: a quarter of the discriminators' CPU time was system time (tiny, batch
 * 8 × 1 s: 12 s of 45). With {@code mmap} off and trimming only above 2 GB, freed blocks are reused: forward
 * 1.36 → 0.6–0.9 s and backward 3.3 → 2.4–3.0 s; a whole tiny step 22–25 % faster for 8 % more peak resident
 * memory, which still levels off (docs/BENCHMARKS.md). The same as
 * running with {@code MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=...}, set from inside because the JVM starts us;
 * a user who sets either variable keeps their choice. Not applied to inference, which streams small chunks.
 */
final class AllocatorTuning {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static final int TRIM_THRESHOLD_BYTES = Integer.MAX_VALUE;

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    private AllocatorTuning() {
    }

    /** Applies the tuning where glibc is present and the user set neither variable; true when applied. */
    static boolean apply() {
        if (System.getenv("MALLOC_MMAP_MAX_") != null || System.getenv("MALLOC_TRIM_THRESHOLD_") != null) {
            return false;
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            return libc.mallopt(M_MMAP_MAX, 0) == 1 && libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false; // another C library: nothing to tune
        }
    }
}
