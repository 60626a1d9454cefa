package io.github.soundstream.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;

/** 2-D convolution on (batch, channels, height, width) with symmetric padding and optional weight norm. */
public final class Conv2dLayer extends NetworkBlock {
    private final Shape stride;
    private final Shape padding;
    private final WeightParameter weight;
    private final Parameter bias;

    public Conv2dLayer(int in, int out, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean weightNorm) {
        this.stride = new Shape(strideH, strideW);
        this.padding = new Shape(padH, padW);
        long fanIn = (long) in * kernelH * kernelW;
        this.weight = new WeightParameter(this, new Shape(out, in, kernelH, kernelW), fanIn, weightNorm,
                ConvInit.PYTORCH);
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(ConvInit.PYTORCH.bias(fanIn)).build());
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return Conv2d.conv2d(x, weight.value(x), bias.getArray(), stride, padding, new Shape(1, 1), 1)
                .singletonOrThrow();
    }
}
