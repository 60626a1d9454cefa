package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.Snake;
import io.github.soundstream.nn.StreamState;

/** y = x + conv1x1(act(causal dilated conv7(x))), act ELU or Snake; channels unchanged. */
public final class ResidualUnit extends NetworkBlock {
    private final Conv1dLayer dilated;
    private final Conv1dLayer pointwise;
    private final Snake snake;

    public ResidualUnit(int channels, int dilation, ConvInit init, boolean snake) {
        this.dilated = addChildBlock("dilated", Conv1dLayer.causal(channels, channels, 7, 1, dilation, init));
        this.pointwise = addChildBlock("pointwise", Conv1dLayer.causal(channels, channels, 1, 1, 1, init));
        this.snake = snake ? addChildBlock("snake", new Snake(channels)) : null; // ELU adds no block
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        NDArray d = dilated.forward(x, training, state);
        NDArray h = snake == null ? Activation.elu(d, 1f) : snake.forward(d, training, state);
        return x.add(pointwise.forward(h, training, state));
    }
}
