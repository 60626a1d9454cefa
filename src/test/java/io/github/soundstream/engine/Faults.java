package io.github.soundstream.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.function.BooleanSupplier;

/** Convolutions with a known fault, to show the gradient check sees one on any processor. */
final class Faults {
    private Faults() {
    }

    /**
     * The networks' convolution with its float32 gradient doubled while {@code active}: y + (y − stop(y)) has y's
     * value and twice its gradient, so the forward pass stays right and float64 stays the true reference.
     */
    static ConvGradientCheck.ConvUnderTest doubledFloat32Gradient(BooleanSupplier active) {
        return (g, x, w) -> {
            NDArray y = g.apply(x, w, null);
            return x.getDataType() == DataType.FLOAT32 && active.getAsBoolean() ? y.add(y.sub(y.stopGradient())) : y;
        };
    }
}
