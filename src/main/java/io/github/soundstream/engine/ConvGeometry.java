package io.github.soundstream.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The shape of one convolution layer, and the one place our networks compute a convolution. A 1-D convolution has
 * {@code twoD} false and uses only the W fields (kernelH = strideH = 1, padH = 0).
 *
 * <p>Why it pads channels: libtorch 2.3.1 bundles oneDNN 3.3.6, whose direct-convolution kernels compute wrong
 * <em>input gradients</em> (relative errors near 1, often NaN) on some AVX2 and AVX-512 processors when the output
 * channels are not a multiple of the kernels' channel block (8 on AVX2, 16 on AVX-512), or when more than 16 input
 * channels are not a multiple of it (of 32, for strided kernels). Forward values and weight gradients are right
 * (docs/DESIGN.md). So while autograd records, this pads both channel counts with zeros ({@link #alignedIn},
 * {@link #alignedOut}) and slices the output back: the extra output channels receive no gradient, the extra input
 * channels' gradients are dropped, and the result is the unpadded convolution. "While autograd records" (inside a
 * {@code GradientCollector}) because DJL 0.29 cannot tell whether a recorded intermediate needs a gradient:
 * {@code hasGradient} is false for them, and asking libtorch for the grad_fn of a tensor without one crashes the
 * JVM. Inference, outside a collector, runs the convolution as it is. {@code engine.ConvGradientCheck} checks
 * every layer of the networks being trained against float64 at {@code train} start.
 */
public record ConvGeometry(boolean twoD, int in, int out, int kernelH, int kernelW, int strideH, int strideW,
        int dilation, int groups, int padH, int padW) {
    /** Channel block of oneDNN's AVX-512 kernels, a multiple of AVX2's (8). */
    public static final int CHANNEL_BLOCK = 16;

    public ConvGeometry {
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("channels " + in + "→" + out + " not divisible by groups " + groups);
        }
        if (!twoD && (kernelH != 1 || strideH != 1 || padH != 0)) {
            throw new IllegalArgumentException("a 1-D convolution has no H extent: kernelH " + kernelH + ", strideH "
                    + strideH + ", padH " + padH);
        }
    }

    public static ConvGeometry oneD(int in, int out, int kernel, int stride, int dilation, int groups, int pad) {
        return new ConvGeometry(false, in, out, 1, kernel, 1, stride, dilation, groups, 0, pad);
    }

    public static ConvGeometry twoD(int in, int out, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW) {
        return new ConvGeometry(true, in, out, kernelH, kernelW, strideH, strideW, 1, 1, padH, padW);
    }

    /** The weight's shape: (out, in / groups, kernel) or (out, in, kernelH, kernelW). */
    public Shape weightShape() {
        return twoD ? new Shape(out, in, kernelH, kernelW) : new Shape(out, in / groups, kernelW);
    }

    /**
     * Input channels after alignment. Up to 8 use oneDNN's plain layout and are left alone; above 16 the multiple is
     * 32, because the strided kernels also get odd multiples of 16 wrong (48, 80 and 112 input channels at stride
     * 2, 4 and 5, measured).
     */
    int alignedIn() {
        if (groups != 1 || in <= CHANNEL_BLOCK / 2) {
            return in;
        }
        return in <= CHANNEL_BLOCK ? CHANNEL_BLOCK : roundUp(in, 2 * CHANNEL_BLOCK);
    }

    int alignedOut() {
        return groups == 1 ? roundUp(out, CHANNEL_BLOCK) : out;
    }

    /** The convolution of {@code x} (B, in, [H,] W) with {@code weight} and {@code bias}, aligned where it matters. */
    public NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        if (!JniUtils.isGradMode() || (alignedIn() == in && alignedOut() == out)) {
            return raw(x, weight, bias);
        }
        int extraIn = alignedIn() - in;
        int extraOut = alignedOut() - out;
        NDArray xa = extraIn == 0 ? x : x.concat(zeros(x, x.getShape(), 1, extraIn), 1);
        NDArray w = weight;
        if (extraIn > 0) {
            w = onManagerOf(w.concat(zeros(x, w.getShape(), 1, extraIn), 1), x);
        }
        NDArray b = bias;
        if (extraOut > 0) {
            w = onManagerOf(w.concat(zeros(x, w.getShape(), 0, extraOut), 0), x);
            b = b == null ? null : onManagerOf(b.concat(zeros(x, b.getShape(), 0, extraOut), 0), x);
        }
        NDArray y = raw(xa, w, b);
        return extraOut == 0 ? y : y.get(":, :" + out);
    }

    /** The convolution exactly as oneDNN gets it: the last step of {@link #apply}, and the self-check's RAW path. */
    public NDArray raw(NDArray x, NDArray weight, NDArray bias) {
        return twoD
                ? Conv2d.conv2d(x, weight, bias, new Shape(strideH, strideW), new Shape(padH, padW),
                        new Shape(1, 1), 1).singletonOrThrow()
                : Conv1d.conv1d(x, weight, bias, new Shape(strideW), new Shape(padW), new Shape(dilation), groups)
                        .singletonOrThrow();
    }

    /** Zeros shaped like {@code shape} except {@code count} along {@code axis}, on the data's manager. */
    private static NDArray zeros(NDArray like, Shape shape, int axis, int count) {
        long[] dims = shape.getShape().clone();
        dims[axis] = count;
        return like.getManager().zeros(new Shape(dims), like.getDataType());
    }

    private static int roundUp(int channels, int multiple) {
        return (channels + multiple - 1) / multiple * multiple;
    }

    /** Results of ops whose first operand is a parameter land on its manager: keep them on the input's instead. */
    private static NDArray onManagerOf(NDArray result, NDArray like) {
        result.attach(like.getManager());
        return result;
    }
}