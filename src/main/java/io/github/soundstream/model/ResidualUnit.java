package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;

/** y = x + conv1x1(ELU(causal dilated conv7(x))); channels unchanged. */
public final class ResidualUnit extends NetworkBlock {
    private final Conv1dLayer dilated;
    private final Conv1dLayer pointwise;

    public ResidualUnit(int channels, int dilation, ConvInit init) {
        this.dilated = addChildBlock("dilated", Conv1dLayer.causal(channels, channels, 7, 1, dilation, init));
        this.pointwise = addChildBlock("pointwise", Conv1dLayer.causal(channels, channels, 1, 1, 1, init));
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        NDArray h = Activation.elu(dilated.forward(x, training, state), 1f);
        return x.add(pointwise.forward(h, training, state));
    }
}
