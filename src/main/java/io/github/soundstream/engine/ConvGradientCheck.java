package io.github.soundstream.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Compares float32 convolution gradients (input and weight) with float64 ones for given convolution shapes, at
 * their real channel counts on short inputs. Run at {@code train} start on every layer of the networks being
 * trained, and in the tests: training must never run on silently wrong gradients.
 */
public final class ConvGradientCheck {
    /** Relative L2 error above which a float32 gradient counts as wrong (healthy kernels give 1e-7 to 1e-5). */
    public static final double TOLERANCE = 1e-4;

    /** Outcome of a check. */
    public record Result(int checks, int failures, double worstError, String worstCase) {
        public boolean passed() {
            return failures == 0;
        }

        public String summary() {
            return String.format(Locale.ROOT, "%d conv gradient checks, %d wrong, worst relative error %.2e (%s)",
                    checks, failures, worstError, worstCase);
        }
    }

    /** How a check computes a convolution: the networks' aligned path, or oneDNN as it is. */
    public enum Path {
        NETWORK, RAW;

        ConvUnderTest convolution() {
            return this == NETWORK ? (g, x, w) -> g.apply(x, w, null) : (g, x, w) -> g.raw(x, w, null);
        }
    }

    /** The convolution whose gradients a check judges; the tests hand in deliberately wrong ones. */
    @FunctionalInterface
    interface ConvUnderTest {
        NDArray apply(ConvGeometry geometry, NDArray x, NDArray weight);
    }

    private ConvGradientCheck() {
    }

    /** Checks every shape {@code rounds} times on fresh random data, through the networks' own path. */
    public static Result run(List<ConvGeometry> shapes, int rounds) {
        return run(shapes, rounds, Path.NETWORK);
    }

    public static Result run(List<ConvGeometry> shapes, int rounds, Path path) {
        return run(shapes, rounds, path.convolution());
    }

    static Result run(List<ConvGeometry> shapes, int rounds, ConvUnderTest conv) {
        int checks = 0;
        int failures = 0;
        double worst = 0;
        String worstCase = "-";
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int r = 0; r < rounds; r++) {
                for (ConvGeometry g : shapes) {
                    try (NDManager m = manager.newSubManager()) {
                        double err = relativeError(m, g, conv);
                        checks++;
                        if (!(err <= TOLERANCE)) {
                            failures++;
                        }
                        if (!(err <= worst)) {
                            worst = err;
                            worstCase = describe(g);
                        }
                    }
                }
            }
        }
        return new Result(checks, failures, worst, worstCase);
    }

    private static String describe(ConvGeometry g) {
        return g.twoD()
                ? String.format(Locale.ROOT, "conv2d %d→%d %dx%d stride %dx%d", g.in(), g.out(), g.kernelH(),
                        g.kernelW(), g.strideH(), g.strideW())
                : String.format(Locale.ROOT, "conv1d %d→%d k%d stride %d dilation %d groups %d", g.in(), g.out(),
                        g.kernelW(), g.strideW(), g.dilation(), g.groups());
    }

    /** A short input that every kernel, stride and dilation fits into a few times over. */
    private static Shape inputShape(ConvGeometry g) {
        int w = Math.max(33, (g.kernelW() - 1) * g.dilation() + 1 + 4 * g.strideW() - 2 * g.padW());
        if (!g.twoD()) {
            return new Shape(2, g.in(), Math.max(96, w));
        }
        int h = Math.max(21, g.kernelH() + 4 * g.strideH() - 2 * g.padH());
        return new Shape(2, g.in(), h, w);
    }

    private static double relativeError(NDManager m, ConvGeometry g, ConvUnderTest under) {
        NDArray x = m.randomNormal(inputShape(g), DataType.FLOAT64);
        NDArray w = m.randomNormal(g.weightShape(), DataType.FLOAT64);
        BiFunction<NDArray, NDArray, NDArray> conv = (xi, wi) -> under.apply(g, xi, wi);
        NDArray[] g64 = gradients(conv, x, w);
        NDArray[] g32 = gradients(conv, x.toType(DataType.FLOAT32, true), w.toType(DataType.FLOAT32, true));
        double worst = 0;
        for (int i = 0; i < 2; i++) {
            NDArray ref = g64[i];
            NDArray diff = g32[i].toType(DataType.FLOAT64, true).sub(ref);
            double num = diff.square().sum().getDouble();
            double den = ref.square().sum().getDouble();
            double err = Math.sqrt(num / Math.max(den, 1e-300));
            worst = Double.isNaN(err) ? Double.NaN : Math.max(worst, err);
        }
        return worst;
    }

    /**
     * Gradients of sum(y · r + y²), y = conv(x, w), for fixed non-trivial r, with respect to x and w. The square
     * makes them depend on the forward values too: a linear loss's gradients never look at y, and oneDNN has
     * computed wrong forward values on this processor (channels-last, some channel counts).
     */
    private static NDArray[] gradients(BiFunction<NDArray, NDArray, NDArray> conv, NDArray x0, NDArray w0) {
        NDArray x = x0.duplicate();
        NDArray w = w0.duplicate();
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y = conv.apply(x, w);
            NDArray weights = y.getManager().create(sequence(y.size()), y.getShape()).toType(y.getDataType(), false);
            gc.backward(y.mul(weights).add(y.square()).sum());
        }
        return new NDArray[] {x.getGradient(), w.getGradient()};
    }

    /** Deterministic non-trivial output weights (no RNG, so both precisions see the same). */
    private static float[] sequence(long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.7 * i + 0.3);
        }
        return v;
    }
}
