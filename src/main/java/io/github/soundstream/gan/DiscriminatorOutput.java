package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** One discriminator's verdict: logits, and every intermediate feature map for feature matching. */
public record DiscriminatorOutput(NDArray logits, List<NDArray> features) {
}
