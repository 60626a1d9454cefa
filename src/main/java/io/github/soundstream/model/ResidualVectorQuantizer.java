package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.SeededRandom;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * N vector quantizers in series, each coding what the previous ones left: bitrate scales with the number of layers
 * used, and any prefix of the layers decodes. Unlike the Python original, the residual passed on is
 * {@code residual − code} (not the straight-through value), so every layer's commitment term reaches the encoder.
 */
public final class ResidualVectorQuantizer extends NetworkBlock {
    /** Commitment weight β per layer. */
    public static final double BETA = 0.25;

    private final List<VectorQuantizer> layers = new ArrayList<>();

    public ResidualVectorQuantizer(ModelConfig config, CodebookSettings settings) {
        for (int i = 0; i < config.numQuantizers(); i++) {
            layers.add(addChildBlock("vq" + i, new VectorQuantizer(config.codebookSize(), config.embeddingDim(),
                    settings)));
        }
    }

    public int numLayers() {
        return layers.size();
    }

    public VectorQuantizer layer(int i) {
        return layers.get(i);
    }

    public boolean hasLearnedCodebook() {
        return layers.stream().allMatch(VectorQuantizer::hasLearnedCodebook);
    }

    /** k-means initialisation of every layer in turn from encoder output (B, D, T); outside any gradient collector. */
    public void initializeFromData(NDArray embeddings, SeededRandom rng) {
        NDArray residual = flatten(embeddings.stopGradient());
        for (VectorQuantizer layer : layers) {
            layer.initializeFromData(residual, rng);
            residual = residual.sub(layer.lookup(layer.nearest(residual)));
        }
    }

    /**
     * Training (or evaluation) forward pass through the first {@code n} layers. Codebooks are not changed here:
     * pass the result to {@link #updateCodebooks} after the backward pass when training.
     */
    public QuantizerOutput forward(NDArray embeddings, int n, boolean training, Constants constants) {
        checkLayers(n);
        Shape s = embeddings.getShape();
        long batch = s.get(0);
        long dim = s.get(1);
        long frames = s.get(2);
        NDArray residual = embeddings;
        NDArray sum = null;
        NDArray commitment = null;
        NDArray beta = constants.like(BETA, embeddings);
        List<NDArray> codes = new ArrayList<>();
        List<QuantizerOutput.LayerBatch> batches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            VectorQuantizer layer = layers.get(i);
            NDArray flat = residual.stopGradient().transpose(0, 2, 1).reshape(batch * frames, dim);
            NDArray idx = layer.nearest(flat);
            NDArray q = layer.lookup(idx).reshape(batch, frames, dim).transpose(0, 2, 1);
            NDArray diff = residual.sub(q);
            NDArray term = diff.square().mean().mul(beta);
            commitment = commitment == null ? term : commitment.add(term);
            sum = sum == null ? q : sum.add(q);
            codes.add(idx.reshape(batch, 1, frames));
            if (training) {
                batches.add(new QuantizerOutput.LayerBatch(flat, idx));
            }
            residual = diff;
        }
        NDArray straightThrough = embeddings.add(sum.sub(embeddings).stopGradient());
        return new QuantizerOutput(straightThrough, NDArrays.concat(new NDList(codes), 1), commitment, batches);
    }

    /**
     * EMA and dead-code replacement for each layer used, replacement frames drawn with {@code rng}; returns codes
     * replaced per layer.
     */
    public int[] updateCodebooks(QuantizerOutput output, SeededRandom rng) {
        int[] replaced = new int[output.layerBatches().size()];
        for (int i = 0; i < replaced.length; i++) {
            QuantizerOutput.LayerBatch b = output.layerBatches().get(i);
            replaced[i] = layers.get(i).updateFromBatch(b.frames(), b.codes(), rng);
        }
        return replaced;
    }

    /** Codes (B, n, T) of the first n layers; changes nothing. */
    public NDArray encode(NDArray embeddings, int n) {
        checkLayers(n);
        Shape s = embeddings.getShape();
        NDArray residual = flatten(embeddings);
        List<NDArray> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NDArray idx = layers.get(i).nearest(residual);
            codes.add(idx.reshape(s.get(0), 1, s.get(2)));
            if (i + 1 < n) {
                residual = residual.sub(layers.get(i).lookup(idx));
            }
        }
        return NDArrays.concat(new NDList(codes), 1);
    }

    /** (B, n, T) codes of any prefix n ≤ N → (B, D, T) embeddings. */
    public NDArray decode(NDArray codes) {
        Shape s = codes.getShape();
        int n = (int) s.get(1);
        checkLayers(n);
        NDArray sum = null;
        for (int i = 0; i < n; i++) {
            NDArray idx = codes.get(":, " + i + ", :").reshape(-1);
            NDArray e = layers.get(i).lookup(idx);
            sum = sum == null ? e : sum.add(e);
        }
        long dim = sum.getShape().get(1);
        return sum.reshape(s.get(0), s.get(2), dim).transpose(0, 2, 1);
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return decode(encode(x, layers.size()));
    }

    private void checkLayers(int n) {
        if (n < 1 || n > layers.size()) {
            throw new IllegalArgumentException("number of quantizers must be 1.." + layers.size() + ", got " + n);
        }
    }

    private static NDArray flatten(NDArray bdt) {
        Shape s = bdt.getShape();
        return bdt.transpose(0, 2, 1).reshape(s.get(0) * s.get(2), s.get(1));
    }
}
