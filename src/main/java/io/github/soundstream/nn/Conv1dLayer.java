package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.soundstream.engine.ConvGeometry;

/**
 * 1-D convolution on (batch, channels, time). {@link Padding#CAUSAL} pads (kernel−1)·dilation zeros on the left
 * only, so output t sees inputs ≤ t·stride; with stride s the output has ceil(L/s) frames. {@link Padding#SYMMETRIC}
 * pads symmetrically by {@code padding} (for discriminators, with PyTorch's initialisation). Optional weight
 * normalisation.
 */
public final class Conv1dLayer extends NetworkBlock implements Convolution {
    public enum Padding { CAUSAL, SYMMETRIC }

    private final ConvGeometry geometry;
    private final Padding padding;
    private final WeightParameter weight;
    private final Parameter bias;

    private Conv1dLayer(int in, int out, int kernel, int stride, int dilation, int groups, Padding padding,
            int symmetricPad, boolean weightNorm, ConvInit init) {
        // causal padding is done by forward (it may come from a stream's context), so the convolution pads nothing
        this.geometry = ConvGeometry.oneD(in, out, kernel, stride, dilation, groups,
                padding == Padding.CAUSAL ? 0 : symmetricPad);
        this.padding = padding;
        long fanIn = (long) in / groups * kernel;
        this.weight = new WeightParameter(this, geometry.weightShape(), fanIn, weightNorm, init);
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(init.bias(fanIn)).build());
    }

    public static Conv1dLayer causal(int in, int out, int kernel, int stride, int dilation, ConvInit init) {
        return new Conv1dLayer(in, out, kernel, stride, dilation, 1, Padding.CAUSAL, 0, false, init);
    }

    public static Conv1dLayer symmetric(int in, int out, int kernel, int stride, int padding, int groups,
            boolean weightNorm) {
        return new Conv1dLayer(in, out, kernel, stride, 1, groups, Padding.SYMMETRIC, padding, weightNorm,
                ConvInit.PYTORCH);
    }

    /** Left context this layer needs, in input samples. */
    public int receptiveFieldPad() {
        return (geometry.kernelW() - 1) * geometry.dilation();
    }

    @Override
    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        NDArray in = x;
        if (padding == Padding.CAUSAL) {
            int left = receptiveFieldPad();
            if (left > 0) {
                Shape s = x.getShape();
                NDArray context = state == null ? null : state.context(this);
                NDArray prefix = context != null ? context
                        : x.getManager().zeros(new Shape(s.get(0), s.get(1), left), x.getDataType());
                // concat attaches its result to the first operand's manager: the stream state's, for a context;
                // move it to the chunk's, or this chunk's whole computation would pile up in the state
                in = local(NDArrays.concat(new ai.djl.ndarray.NDList(prefix, x), 2), x);
                if (state != null) {
                    state.keep(this, in.get(":, :, " + (in.getShape().get(2) - left) + ":"));
                }
            }
        }
        return geometry.apply(in, weight.value(x), bias.getArray());
    }
}
