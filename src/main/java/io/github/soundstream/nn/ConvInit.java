package io.github.soundstream.nn;

import ai.djl.training.initializer.Initializer;

/**
 * How a convolution's weights and bias start.
 *
 * <p>The encoder does not use PyTorch's default: with its gain of 1/√3 per layer and biases of U(±1/√fan_in),
 * the fresh encoder's output is mostly a constant made by the biases, which the first optimizer steps move far
 * from every code the quantizer fitted, so few codes stay in use. With He weights on the encoder's main path and
 * zero biases, the embedding carries the input's content from step 0. The decoder and the discriminators keep
 * PyTorch's default: He in the decoder made its first outputs too loud. Evidence: docs/DESIGN.md.
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
