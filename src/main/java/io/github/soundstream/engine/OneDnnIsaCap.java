package io.github.soundstream.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Caps oneDNN's instruction set for processes that compute gradients.
 *
 * <p>Why: libtorch 2.3.1 bundles oneDNN 3.3.6, whose float32 input gradients of stride-1 convolutions with kernel
 * > 1 come out wrong (up to NaN, varying between runs) on AVX-512 processors such as the project's AMD EPYC
 * machines; measured here: 13 of 40 trials of an 8→8, kernel-7 conv1d. With {@code ONEDNN_MAX_CPU_ISA=AVX} oneDNN
 * takes a GEMM path that is right (worst relative error 9e-8). oneDNN reads the variable once, at its first
 * primitive, so it must be set in this process's C environment before the first convolution; the JVM cannot
 * change its environment, so we call libc's {@code setenv} through JNA. Inference never calls this: its forward
 * pass is correct and faster without the cap.
 */
final class OneDnnIsaCap {
    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String SAFE_ISA = "AVX";

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private OneDnnIsaCap() {
    }

    /** Sets the cap unless the user set the variable; returns the value in force. */
    static String apply() {
        LibC libc = Native.load("c", LibC.class);
        String current = libc.getenv(VARIABLE);
        if (current != null && !current.isBlank()) {
            return current;
        }
        if (libc.setenv(VARIABLE, SAFE_ISA, 0) != 0) {
            throw new IllegalStateException("could not set " + VARIABLE + " for the engine");
        }
        return libc.getenv(VARIABLE);
    }

    /** The value the engine sees, or null. */
    static String current() {
        return Native.load("c", LibC.class).getenv(VARIABLE);
    }
}
