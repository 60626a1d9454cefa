package io.github.soundstream.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;

/**
 * Compares float32 convolution gradients (input and weight) with float64 ones for every conv shape the networks
 * use, scaled down in channels. Run at {@code train} start and in the tests: training must never run on silently
 * wrong gradients.
 */
public final class ConvGradientCheck {
    /** Relative L2 error above which a float32 gradient counts as wrong (healthy kernels give about 1e-7). */
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

    /** conv1d (in, out, kernel, stride, dilation, groups, padding) or conv2d (in, out, kh, kw, sh, sw, ph, pw). */
    private record Case(String name, boolean twoD, int[] p) {
    }

    private static final List<Case> CASES = List.of(
            new Case("encoder input conv7", false, new int[] {1, 8, 7, 1, 1, 1, 0}),
            new Case("residual conv7 dilation 1", false, new int[] {8, 8, 7, 1, 1, 1, 0}),
            new Case("residual conv7 dilation 3", false, new int[] {8, 8, 7, 1, 3, 1, 0}),
            new Case("residual conv7 dilation 9", false, new int[] {8, 8, 7, 1, 9, 1, 0}),
            new Case("residual conv1", false, new int[] {8, 8, 1, 1, 1, 1, 0}),
            new Case("downsample conv4 stride 2", false, new int[] {8, 16, 4, 2, 1, 1, 0}),
            new Case("downsample conv10 stride 5", false, new int[] {8, 16, 10, 5, 1, 1, 0}),
            new Case("encoder output conv3", false, new int[] {16, 8, 3, 1, 1, 1, 0}),
            new Case("polyphase upsample conv2", false, new int[] {16, 16, 2, 1, 1, 1, 0}),
            new Case("wave disc conv15", false, new int[] {1, 4, 15, 1, 1, 1, 7}),
            new Case("wave disc grouped conv41 stride 4", false, new int[] {16, 64, 41, 4, 1, 4, 20}),
            new Case("wave disc conv5", false, new int[] {16, 16, 5, 1, 1, 1, 2}),
            new Case("stft disc conv7x7", true, new int[] {2, 8, 7, 7, 1, 1, 3, 3}),
            new Case("stft disc conv3x3", true, new int[] {8, 8, 3, 3, 1, 1, 1, 1}),
            new Case("stft disc conv3x4 stride 1x2", true, new int[] {8, 16, 3, 4, 1, 2, 1, 1}),
            new Case("stft disc conv4x4 stride 2x2", true, new int[] {8, 16, 4, 4, 2, 2, 1, 1}),
            new Case("stft disc logits 1x8", true, new int[] {16, 1, 1, 8, 1, 1, 0, 0}));

    private ConvGradientCheck() {
    }

    /** Runs every case {@code rounds} times on fresh random data. */
    public static Result run(int rounds) {
        int checks = 0;
        int failures = 0;
        double worst = 0;
        String worstCase = "-";
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            for (int r = 0; r < rounds; r++) {
                for (Case c : CASES) {
                    try (NDManager m = manager.newSubManager()) {
                        double err = relativeError(m, c);
                        checks++;
                        if (!(err <= TOLERANCE)) {
                            failures++;
                        }
                        if (!(err <= worst)) {
                            worst = err;
                            worstCase = c.name();
                        }
                    }
                }
            }
        }
        return new Result(checks, failures, worst, worstCase);
    }

    private static double relativeError(NDManager m, Case c) {
        int[] p = c.p();
        Shape xShape = c.twoD() ? new Shape(2, p[0], 21, 33) : new Shape(2, p[0], 96);
        Shape wShape = c.twoD() ? new Shape(p[1], p[0], p[2], p[3]) : new Shape(p[1], p[0] / p[5], p[2]);
        NDArray x = m.randomNormal(xShape, DataType.FLOAT64);
        NDArray w = m.randomNormal(wShape, DataType.FLOAT64);
        NDArray[] g64 = gradients(m, c, x, w);
        NDArray[] g32 = gradients(m, c, x.toType(DataType.FLOAT32, true), w.toType(DataType.FLOAT32, true));
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
    private static NDArray[] gradients(NDManager m, Case c, NDArray x0, NDArray w0) {
        NDArray x = x0.duplicate();
        NDArray w = w0.duplicate();
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        int[] p = c.p();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y = c.twoD()
                    ? Conv2d.conv2d(x, w, null, new Shape(p[4], p[5]), new Shape(p[6], p[7]), new Shape(1, 1), 1)
                            .singletonOrThrow()
                    : Conv1d.conv1d(x, w, null, new Shape(p[3]), new Shape(p[6]), new Shape(p[4]), p[5])
                            .singletonOrThrow();
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
