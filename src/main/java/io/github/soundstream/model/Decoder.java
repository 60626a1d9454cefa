package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * Causal decoder mirroring the encoder: conv7 (D→16C), blocks 16C→8C→4C→2C→C with the strides reversed, conv7
 * (C→1). (B, D, T) → (B, 1, T·hop); output sample n depends only on frames ≤ n / hop.
 */
public final class Decoder extends NetworkBlock {
    private final Conv1dLayer input;
    private final List<DecoderBlock> blocks = new ArrayList<>();
    private final Conv1dLayer output;

    public Decoder(ModelConfig config) {
        int ch = config.channels() << config.strides().size();
        this.input = addChildBlock("input", Conv1dLayer.causal(config.embeddingDim(), ch, 7, 1, 1, ConvInit.PYTORCH));
        List<Integer> strides = config.strides();
        for (int i = strides.size() - 1; i >= 0; i--) {
            blocks.add(addChildBlock("block" + (strides.size() - 1 - i), new DecoderBlock(ch, ch / 2,
                    strides.get(i), config.snake(), config.balancedUpsamplers())));
            ch /= 2;
        }
        this.output = addChildBlock("output", Conv1dLayer.causal(ch, 1, 7, 1, 1, ConvInit.PYTORCH));
    }

    /** For inference only: balanced upsamplers store their balanced weights once (see {@link CausalUpsample}). */
    public void storeBalancedUpsamplers() {
        blocks.forEach(DecoderBlock::storeBalancedUpsampler);
    }

    @Override
    public NDArray forward(NDArray embeddings, boolean training, StreamState state) {
        NDArray h = inSequence(blocks, input.forward(embeddings, training, state), training, state);
        return output.forward(h, training, state);
    }
}
