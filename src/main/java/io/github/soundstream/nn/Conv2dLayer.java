package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.soundstream.engine.ConvGeometry;

/** 2-D convolution on (batch, channels, height, width) with symmetric padding and optional weight norm. */
public final class Conv2dLayer extends NetworkBlock implements Convolution {
    private final ConvGeometry geometry;
    private final WeightParameter weight;
    private final Parameter bias;

    public Conv2dLayer(int in, int out, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean weightNorm) {
        this.geometry = ConvGeometry.twoD(in, out, kernelH, kernelW, strideH, strideW, padH, padW);
        long fanIn = (long) in * kernelH * kernelW;
        this.weight = new WeightParameter(this, geometry.weightShape(), fanIn, weightNorm,
                ConvInit.PYTORCH);
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(ConvInit.PYTORCH.bias(fanIn)).build());
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return geometry.apply(x, weight.value(x), bias.getArray());
    }

    @Override
    public ConvGeometry geometry() {
        return geometry;
    }
}
