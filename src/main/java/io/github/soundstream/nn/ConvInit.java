package io.github.soundstream.nn;

import ai.djl.training.initializer.Initializer;

/**
 * How a convolution's weights and bias start.
 *
 * <p>The encoder does not use PyTorch's default. There each layer has a gain of 1/√3 and biases of U(±1/√fan_in),
 * so by the encoder's output the input's content was about 1 % of the embedding and the rest a constant made by the
 * biases. The first optimizer steps moved that constant many times further than content separates frames, and the
 * k-means codes fitted at step 0 were stranded: after 160 steps of the tiny demo 13 of 1,024 layer-0 codes were in
 * use on clips it never saw. With He weights on the encoder's main path and zero biases, content is the embedding
 * from step 0, and 237 were (444 with random dead-code replacement; docs/BENCHMARKS.md). The decoder and the
 * discriminators keep PyTorch's default: He in the decoder made its first outputs several times too loud and the
 * early reconstruction loss worse.
 */
public enum ConvInit {
    /** Weights and bias U(±1/√fan_in), as PyTorch: the decoder and the discriminators. */
    PYTORCH(1, true),
    /** He: weights U(±√(6/fan_in)), variance-preserving through ELU; zero bias. The encoder's main path. */
    HE(Math.sqrt(6), false),
    /**
     * Weights U(±1/√fan_in), zero bias: the encoder's residual branches, kept small so that each skip sum starts
     * near its input (He there too would roughly double the variance at each of the twelve units).
     */
    RESIDUAL_BRANCH(1, false);

    private final double gain;
    private final boolean randomBias;

    ConvInit(double gain, boolean randomBias) {
        this.gain = gain;
        this.randomBias = randomBias;
    }

    /** Half-width of the uniform weight distribution for this fan-in. */
    public double weightBound(double fanIn) {
        return gain / Math.sqrt(fanIn);
    }

    public Initializer weight(double fanIn) {
        return Initializers.uniform(weightBound(fanIn));
    }

    public Initializer bias(double fanIn) {
        return randomBias ? Initializers.fanInUniform(fanIn) : Initializers.zeros();
    }
}
