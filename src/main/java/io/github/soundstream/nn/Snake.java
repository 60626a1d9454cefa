package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * Snake, DAC's activation: x + sin²(αx)/α with a learned α per channel (starting at 1). Its periodic term gives the
 * network a bias towards periodic signals, aimed at tonal content such as whistles; ELU has none. Pointwise, so
 * streaming needs no state.
 */
public final class Snake extends NetworkBlock {
    private final Parameter alpha;

    public Snake(int channels) {
        this.alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, channels, 1)).optInitializer(new ConstantInitializer(1f)).build());
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return snake(x, alpha.getArray()); // the parameter itself stays on its manager: only results move
    }

    /**
     * x + sin²(αx)/(α + 10⁻⁹), α broadcast over (B, C, T). The small constant is a libtorch scalar, not a Java number
     * (a Java number in an op under autograd can corrupt gradients). Results whose first operand is α are moved
     * to x's manager, so a training step leaves nothing on the parameters' manager.
     */
    public static NDArray snake(NDArray x, NDArray alpha) {
        NDArray eps = x.getManager().full(new Shape(), 1e-9f, x.getDataType() == DataType.FLOAT64 ? DataType.FLOAT64
                : DataType.FLOAT32);
        NDArray periodic = x.mul(alpha).sin().square();
        return x.add(periodic.div(local(alpha.add(eps), x)));
    }
}
