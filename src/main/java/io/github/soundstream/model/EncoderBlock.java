package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.Snake;
import io.github.soundstream.nn.StreamState;

/** Residual units with dilations 1, 3, 9 on the input channels, then a causal strided conv (kernel 2·stride), ELU. */
public final class EncoderBlock extends NetworkBlock {
    private final ResidualUnit[] units = new ResidualUnit[3];
    private final Conv1dLayer downsample;
    private final Snake snake;

    public EncoderBlock(int in, int out, int stride, boolean snake) {
        int[] dilations = {1, 3, 9};
        for (int i = 0; i < 3; i++) {
            units[i] = addChildBlock("res" + dilations[i],
                    new ResidualUnit(in, dilations[i], ConvInit.RESIDUAL_BRANCH, snake));
        }
        this.downsample = addChildBlock("down", Conv1dLayer.causal(in, out, 2 * stride, stride, 1, ConvInit.HE));
        this.snake = snake ? addChildBlock("snake", new Snake(out)) : null;
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        NDArray h = x;
        for (ResidualUnit unit : units) {
            h = unit.forward(h, training, state);
        }
        NDArray d = downsample.forward(h, training, state);
        return snake == null ? Activation.elu(d, 1f) : snake.forward(d, training, state);
    }
}
