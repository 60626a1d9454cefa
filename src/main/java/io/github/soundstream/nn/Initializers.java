package io.github.soundstream.nn;

import ai.djl.training.initializer.Initializer;

/** Parameter initialisers, drawn from the engine's generator (seed it with {@code Engine#setRandomSeed}). */
public final class Initializers {
    private Initializers() {
    }

    /** U(−bound, bound), PyTorch's default for conv weights and biases with bound = 1/√fan_in. */
    public static Initializer uniform(double bound) {
        float b = (float) bound;
        return (manager, shape, dataType) -> manager.randomUniform(-b, b, shape, dataType);
    }

    public static Initializer fanInUniform(double fanIn) {
        return uniform(1 / Math.sqrt(fanIn));
    }

    public static Initializer constant(double value) {
        return (manager, shape, dataType) -> manager.full(shape, (float) value, dataType);
    }

    public static Initializer zeros() {
        return (manager, shape, dataType) -> manager.zeros(shape, dataType);
    }
}
