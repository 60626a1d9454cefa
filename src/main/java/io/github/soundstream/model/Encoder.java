package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * Causal encoder: conv7 (1→C), blocks C→2C→4C→8C→16C with the configured strides, conv3 (16C→D).
 * (B, 1, L) → (B, D, ceil(L / hop)); frame t depends only on samples ≤ t·hop.
 */
public final class Encoder extends NetworkBlock {
    private final Conv1dLayer input;
    private final List<EncoderBlock> blocks = new ArrayList<>();
    private final Conv1dLayer output;

    public Encoder(ModelConfig config) {
        int c = config.channels();
        this.input = addChildBlock("input", Conv1dLayer.causal(1, c, 7, 1, 1, ConvInit.HE));
        int ch = c;
        for (int i = 0; i < config.strides().size(); i++) {
            blocks.add(addChildBlock("block" + i, new EncoderBlock(ch, 2 * ch, config.strides().get(i), config.snake())));
            ch *= 2;
        }
        this.output = addChildBlock("output", Conv1dLayer.causal(ch, config.embeddingDim(), 3, 1, 1, ConvInit.HE));
    }

    @Override
    public NDArray forward(NDArray audio, boolean training, StreamState state) {
        NDArray h = inSequence(blocks, input.forward(audio, training, state), training, state);
        return output.forward(h, training, state);
    }
}
