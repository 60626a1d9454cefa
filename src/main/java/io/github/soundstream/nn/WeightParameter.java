package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A convolution weight, plain or weight-normalised (w = g·v/‖v‖, the norm over everything but the output channel,
 * as {@code torch.nn.utils.weight_norm} with dim 0). g starts at the expected norm of v's initial rows (1/√3 for
 * PyTorch's default), so a normalised layer starts at the same scale as a plain one without custom
 * post-initialisation code.
 */
final class WeightParameter {
    private final Parameter weight;
    private final Parameter v;
    private final Parameter g;
    private final int[] normAxes;

    WeightParameter(NetworkBlock owner, Shape shape, long fanIn, boolean weightNorm, ConvInit init) {
        if (weightNorm) {
            this.weight = null;
            this.v = owner.register(Parameter.builder().setName("weight_v").setType(Parameter.Type.WEIGHT)
                    .optShape(shape).optInitializer(init.weight(fanIn)).build());
            long[] gShape = new long[shape.dimension()];
            java.util.Arrays.fill(gShape, 1);
            gShape[0] = shape.get(0);
            this.g = owner.register(Parameter.builder().setName("weight_g").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(gShape))
                    .optInitializer(Initializers.constant(init.weightBound(fanIn) * Math.sqrt(fanIn / 3.0))).build());
            this.normAxes = new int[shape.dimension() - 1];
            for (int i = 0; i < normAxes.length; i++) {
                normAxes[i] = i + 1;
            }
        } else {
            this.weight = owner.register(Parameter.builder().setName("weight")
                    .setType(Parameter.Type.WEIGHT).optShape(shape)
                    .optInitializer(init.weight(fanIn)).build());
            this.v = null;
            this.g = null;
            this.normAxes = null;
        }
    }

    /** The effective weight for a forward pass on {@code x} (normalised on x's manager when weight norm is on). */
    NDArray value(NDArray x) {
        if (weight != null) {
            return weight.getArray();
        }
        NDArray vv = v.getArray();
        NDArray norm = NetworkBlock.local(vv.square(), x).sum(normAxes, true).sqrt();
        NDArray scale = NetworkBlock.local(g.getArray().div(norm), x);
        return scale.mul(vv);
    }
}
