package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What the residual quantizer returns in a training forward pass.
 *
 * @param quantized    (B, D, T): the sum of the chosen codes, with straight-through gradients to the encoder
 * @param codes        (B, n, T) int64 code indices of the n layers used
 * @param commitment   0-d: Σ over used layers of β·mean((residual − code)²); reaches the encoder from every layer
 * @param layerBatches per used layer, the frames it quantized and their codes, for the codebook update after the
 *                     backward pass (empty in inference)
 */
public record QuantizerOutput(NDArray quantized, NDArray codes, NDArray commitment, List<LayerBatch> layerBatches) {

    /** One layer's (N, D) input frames (detached) and (N) codes. */
    public record LayerBatch(NDArray frames, NDArray codes) {
    }
}
