package io.github.soundstream.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.Locale;
import java.util.Random;

/**
 * The arithmetic inside the CPU's float32 convolutions. DJL 0.29 cannot make a bfloat16 tensor (its JNI maps no
 * data type to one), but oneDNN, which runs libtorch's CPU convolutions, can compute a float32 convolution in
 * bfloat16 on AVX-512 BF16 and AMX units (its "fpmath mode"): tensors, weights and the rest of the network stay
 * float32, and only the multiply-accumulate of convolutions rounds its inputs to bfloat16 (8 significant bits).
 * oneDNN reads the mode from {@code ONEDNN_DEFAULT_FPMATH_MODE} once, before its first convolution in the process,
 * so {@link #select} sets that variable through libc and then measures which arithmetic convolutions really use:
 * the processor may lack bfloat16 units, or the process may have run a convolution already.
 */
public final class ConvolutionPrecision {
    /** What a user asks for. */
    public enum Precision {
        FP32, BF16;

        public static Precision parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "fp32", "float32" -> FP32;
                case "bf16", "bfloat16" -> BF16;
                default -> throw new IllegalArgumentException("precision must be fp32 or bf16, got '" + s + "'");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A float32 convolution's error against float64 is about 1e-7 of the output's scale; with inputs rounded to
     * bfloat16 it is about 1e-3. The threshold sits between them with two decades either side.
     */
    static final double BF16_ERROR = 1e-5;
    private static final String VARIABLE = "ONEDNN_DEFAULT_FPMATH_MODE";
    // a shape oneDNN runs on its AMX brgemm kernels with bfloat16 allowed, like the networks' residual units
    private static final int CHANNELS = 64;
    private static final int KERNEL = 7;
    private static final int LENGTH = 512;

    private ConvolutionPrecision() {
    }

    /**
     * Asks oneDNN for {@code wanted} and returns what convolutions in this process compute with from now on. Call
     * it before the process's first convolution; later, it only reports.
     */
    public static Precision select(Precision wanted) {
        String mode = wanted == Precision.BF16 ? "BF16" : "STRICT";
        String now = getenv(VARIABLE);
        // unset means strict; setenv only on a change, as libc's environment is not safe to write while read
        if (!(now == null ? "STRICT" : now).equalsIgnoreCase(mode)) {
            setenv(VARIABLE, mode);
        }
        return measured();
    }

    /** The arithmetic this process's CPU convolutions use, measured on one CPU convolution against float64. */
    public static Precision measured() {
        return relativeError() > BF16_ERROR ? Precision.BF16 : Precision.FP32;
    }

    /** The largest error of a probe convolution against float64, relative to the largest output. */
    static double relativeError() {
        Random random = new Random(7);
        float[] x = new float[CHANNELS * LENGTH];
        float[] w = new float[CHANNELS * CHANNELS * KERNEL];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() / Math.sqrt(CHANNELS * KERNEL));
        }
        float[] y;
        // on the CPU whatever the default device: the mode is oneDNN's, and a GPU's TF32 would read as bf16 here
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                InferenceScope ignored = new InferenceScope()) {
            NDArray input = manager.create(x, new Shape(1, CHANNELS, LENGTH));
            NDArray weight = manager.create(w, new Shape(CHANNELS, CHANNELS, KERNEL));
            y = Conv1d.conv1d(input, weight, null, new Shape(1), new Shape(0), new Shape(1), 1)
                    .singletonOrThrow().toFloatArray();
        }
        int out = LENGTH - KERNEL + 1;
        double worst = 0;
        double largest = 0;
        for (int o = 0; o < CHANNELS; o++) {
            for (int t = 0; t < out; t++) {
                double sum = 0;
                for (int c = 0; c < CHANNELS; c++) {
                    for (int k = 0; k < KERNEL; k++) {
                        sum += (double) w[(o * CHANNELS + c) * KERNEL + k] * x[c * LENGTH + t + k];
                    }
                }
                worst = Math.max(worst, Math.abs(sum - y[o * out + t]));
                largest = Math.max(largest, Math.abs(sum));
            }
        }
        return worst / largest;
    }

    private static String getenv(String name) {
        Pointer value = NativeLibrary.getInstance("c").getFunction("getenv").invokePointer(new Object[] {name});
        return value == null ? null : value.getString(0);
    }

    private static void setenv(String name, String value) {
        int rc = NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (rc != 0) {
            throw new IllegalStateException("could not set " + name + " for oneDNN (setenv returned " + rc + ")");
        }
    }
}
