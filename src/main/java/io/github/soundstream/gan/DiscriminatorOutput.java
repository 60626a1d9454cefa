package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.NetworkBlock;
import java.util.ArrayList;
import java.util.List;

/** One discriminator's verdict: logits, and every intermediate feature map for feature matching. */
public record DiscriminatorOutput(NDArray logits, List<NDArray> features) {

    /** {@code x} through each layer with a leaky ReLU of {@code slope}, keeping each map, then {@code logits}. */
    static DiscriminatorOutput through(List<? extends NetworkBlock> layers, NetworkBlock logits, NDArray x,
            float slope, boolean training) {
        List<NDArray> features = new ArrayList<>();
        NDArray h = x;
        for (NetworkBlock layer : layers) {
            h = Activation.leakyRelu(layer.forward(h, training), slope);
            features.add(h);
        }
        return new DiscriminatorOutput(logits.forward(h, training), features);
    }
}
