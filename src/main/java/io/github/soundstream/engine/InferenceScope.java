package io.github.soundstream.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd off on the calling thread until closed. PyTorch keeps grad mode per thread and DJL turns it off only on
 * the thread that starts the engine: on any other thread (a {@code --jobs} worker, a Spark task) inference would
 * record an autograd graph through every parameter, and take the convolutions' gradient-safe aligned path, which
 * is slower and rounds differently. With this scope every thread computes the same codes and samples. It also
 * flushes denormals to zero on the thread, as the engine's own threads do.
 */
public final class InferenceScope implements AutoCloseable {
    private final boolean wasRecording;

    public InferenceScope() {
        Denormals.flushToZero(); // per thread, like grad mode (Denormals)
        wasRecording = JniUtils.isGradMode();
        if (wasRecording) {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void close() {
        if (wasRecording) {
            JniUtils.setGradMode(true);
        }
    }
}
