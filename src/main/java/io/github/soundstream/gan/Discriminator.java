package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;

/**
 * One discriminator of the set: judges a batch of audio (B, 1, T), returning its logits and the feature maps that
 * feature matching compares. Implementations are {@link io.github.soundstream.nn.NetworkBlock}s; a new kind is one
 * such class and one entry in {@link DiscriminatorKind}.
 */
public interface Discriminator {
    DiscriminatorOutput discriminate(NDArray audio, boolean training);
}
