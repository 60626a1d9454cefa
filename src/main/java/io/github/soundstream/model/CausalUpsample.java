package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.github.soundstream.engine.ConvGeometry;
import io.github.soundstream.nn.ConvInit;
import io.github.soundstream.nn.Convolution;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;

/**
 * A causal transposed convolution (kernel 2·s, stride s) in polyphase form, since DJL's PyTorch engine has no
 * transposed convolution.
 *
 * <p>Output sample q·s + j of a transposed conv with weight W (cin, cout, 2s) is
 * Σ W[:, :, j]·x[q] + W[:, :, j+s]·x[q−1]: only frames q and q−1. So we keep the weight directly as an ordinary
 * conv weight V (cout·s, cin, 2) with V[co·s+j, :, 1] = W[:, co, j] and V[co·s+j, :, 0] = W[:, co, j+s], pad one
 * zero frame on the left, convolve, and interleave the s phases. T frames give exactly T·s samples, and sample n
 * depends on frames ≤ n/s only — the right overlap a transposed conv would spill into the next frame is carried
 * by the next frame's own output instead of padding or trimming.
 *
 * <p>Every phase starts with the same kernel (ICNR, Aitken et al. 2017): the layer begins as a sample-and-hold of
 * an ordinary convolution, whose response is zero at every multiple of the input rate. With independent random
 * phases, each phase had its own gain, and a fresh decoder imprinted a comb of steady lines at multiples of its
 * upsamplers' input rates (600 Hz and up at 24 kHz) on everything it decoded (docs/DESIGN.md).
 *
 * <p>Training moves the phases apart again. When {@code balanced}, each phase's two taps are shifted by the same
 * amount so that, for every pair of input and output channels, all phases sum to their mean: the layer's response
 * to a constant input is then the same at every phase, as any resampler's must be to pass DC without imaging it.
 * Without it, a trained decoder turns the non-zero means of its activations into a fixed waveform that repeats
 * every frame (measured 2–15 dB below the whole output on held-out recordings: steady lines at multiples of 75 Hz).
 * The shift is a projection inside the forward pass, so gradients see it and the stored weight stays free.
 */
public final class CausalUpsample extends NetworkBlock implements Convolution {
    private final int out;
    private final int stride;
    private final ConvGeometry phaseConv;
    private final Parameter weight;
    private final Parameter bias;
    private final boolean balanced;
    private boolean storedBalanced;

    public CausalUpsample(int in, int out, int stride, boolean balanced) {
        this.out = out;
        this.stride = stride;
        this.balanced = balanced;
        this.phaseConv = ConvGeometry.oneD(in, out * stride, 2, 1, 1, 1, 0);
        // PyTorch's ConvTranspose1d takes fan_in from weight.size(1)·k = cout·2s
        long fanIn = (long) out * 2 * stride;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(phaseConv.weightShape()).optInitializer(samePhases(ConvInit.PYTORCH.weight(fanIn),
                        stride)).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(ConvInit.PYTORCH.bias(fanIn)).build());
    }

    /** {@code inner}'s kernel for one phase of each output channel, repeated for all {@code stride} phases. */
    static Initializer samePhases(Initializer inner, int stride) {
        return (manager, shape, dataType) -> {
            NDArray one = inner.initialize(manager, new Shape(shape.get(0) / stride, shape.get(1), shape.get(2)),
                    dataType);
            NDArray all = one.repeat(0, stride); // rows co·s + j, j = 0..s−1, all equal to row co
            one.close();
            return all;
        };
    }

    @Override
    public ConvGeometry geometry() {
        return phaseConv;
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long frames = s.get(2);
        NDArray previous = state == null ? null : state.context(this);
        NDArray padded = local(NDArrays.concat(new NDList(previous != null ? previous
                : x.getManager().zeros(new Shape(batch, s.get(1), 1), x.getDataType()), x), 2), x);
        if (state != null) {
            state.keep(this, x.get(":, :, " + (frames - 1) + ":"));
        }
        NDArray w = balanced && !storedBalanced ? balance(weight.getArray(), out, stride, x) : weight.getArray();
        NDArray phases = phaseConv.apply(padded, w, null); // (B, cout·s, T)
        NDArray y = phases.reshape(batch, out, stride, frames).transpose(0, 1, 3, 2).reshape(batch, out,
                frames * stride);
        return y.add(local(bias.getArray().reshape(1, out, 1), y));
    }

    /**
     * For a model that no longer trains (a loaded codec): stores the balanced weight once, so that forward passes,
     * a streaming chunk's included, skip the projection; it is idempotent, so the output does not change.
     */
    void storeBalanced() {
        if (balanced && !storedBalanced) {
            NDArray w = weight.getArray();
            try (NDManager scope = w.getManager().newSubManager()) {
                // a native copy: NDArray.copyTo round-trips through a Java buffer that w's storage would then live in
                w.set(new ai.djl.ndarray.index.NDIndex("..."), balance(w, out, stride, scope.zeros(new Shape(1))));
            }
            storedBalanced = true;
        }
    }

    /**
     * {@code w} (cout·s, cin, 2) with each phase's taps shifted so that every phase of an (output, input) channel
     * pair sums to the pair's mean over phases; the result and every intermediate live on {@code like}'s manager.
     */
    static NDArray balance(NDArray w, int out, int stride, NDArray like) {
        Shape shape = w.getShape();
        NDArray byPhase = local(w.reshape(out, stride, shape.get(1), shape.get(2)), like);
        // each tap shifted by (its phase's tap sum − the mean of those sums) / taps, written with means only: a
        // Java number in an op autograd records is freed before the backward reads it (nn/Constants)
        NDArray tapMeans = byPhase.mean(new int[] {3}, true);
        NDArray excess = tapMeans.sub(tapMeans.mean(new int[] {1}, true));
        return byPhase.sub(excess).reshape(shape);
    }
}
