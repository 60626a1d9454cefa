package io.github.soundstream.data;

import java.io.IOException;

/** An indexed collection of training clips, each exactly {@code clipSamples} long at the model rate. */
public interface ClipSource {
    int size();

    /** Clip {@code index}; {@code cropSeed} chooses the crop of a longer recording. */
    float[] clip(int index, long cropSeed) throws IOException;

    /** Human-readable name of item {@code index} (a path), for warnings. */
    String describe(int index);
}
