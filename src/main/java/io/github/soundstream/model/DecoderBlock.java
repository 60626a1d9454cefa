package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.Snake;
import io.github.soundstream.nn.StreamState;

/** Causal ×stride upsampling (in→out), ELU, then residual units with dilations 1, 3, 9 on the output channels. */
public final class DecoderBlock extends NetworkBlock {
    private final CausalUpsample upsample;
    private final ResidualUnit[] units = new ResidualUnit[3];

    private final Snake snake;

    public DecoderBlock(int in, int out, int stride, boolean snake, boolean balanced) {
        this.upsample = addChildBlock("up", new CausalUpsample(in, out, stride, balanced));
        int[] dilations = {1, 3, 9};
        for (int i = 0; i < 3; i++) {
            units[i] = addChildBlock("res" + dilations[i], new ResidualUnit(out, dilations[i], ConvInit.PYTORCH,
                    snake));
        }
        this.snake = snake ? addChildBlock("snake", new Snake(out)) : null;
    }

    /** See {@link CausalUpsample#storeBalanced()}. */
    void storeBalancedUpsampler() {
        upsample.storeBalanced();
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        NDArray u = upsample.forward(x, training, state);
        NDArray h = snake == null ? Activation.elu(u, 1f) : snake.forward(u, training, state);
        for (ResidualUnit unit : units) {
            h = unit.forward(h, training, state);
        }
        return h;
    }
}
