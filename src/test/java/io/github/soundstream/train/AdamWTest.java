package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static Parameter parameter(NDManager m, float[] values) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(values.length)).optInitializer((mm, s, t) -> mm.create(values)).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** Gradient of sum(w³ · k): 3·k·w², a non-trivial function of the current weights. */
    private static void backward(NDManager m, Parameter p, float[] k) {
        NDArray w = p.getArray();
        try (GradientCollector gc = ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(w.mul(w).mul(w).mul(m.create(k)).sum());
        }
    }

    @Test
    void matchesTheFloat64UpdateRule() {
        EngineSetup.configure(1);
        float[] w0 = {0.5f, -1.2f, 2.0f, 0.01f};
        float[] k = {1f, -0.5f, 0.25f, 3f};
        double lr = 0.05;
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = parameter(m, w0);
            AdamW opt = new AdamW(Map.of("w", p), 0.8, 0.9, 1e-8, 0.01, m);
            double[] w = new double[4];
            double[] mm = new double[4];
            double[] vv = new double[4];
            for (int i = 0; i < 4; i++) {
                w[i] = w0[i];
            }
            for (int t = 1; t <= 6; t++) {
                backward(m, p, k);
                try (NDManager step = m.newSubManager()) {
                    opt.step(lr, step);
                }
                for (int i = 0; i < 4; i++) {
                    double g = 3 * k[i] * w[i] * w[i];
                    w[i] *= 1 - lr * 0.01;
                    mm[i] = 0.8 * mm[i] + 0.2 * g;
                    vv[i] = 0.9 * vv[i] + 0.1 * g * g;
                    double mHat = mm[i] / (1 - Math.pow(0.8, t));
                    double vHat = vv[i] / (1 - Math.pow(0.9, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(w[i], got[i], 1e-5 * Math.max(1, Math.abs(w[i])), "step " + t + " weight " + i);
                }
                p.getArray().getGradient().subi(p.getArray().getGradient());
            }
        }
    }

    @Test
    void savedStateContinuesBitForBit() throws IOException {
        EngineSetup.configure(1);
        float[] w0 = {0.3f, -0.7f, 1.1f};
        float[] k = {2f, 1f, -1f};
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, w0);
            AdamW optA = new AdamW(Map.of("w", a), 0.8, 0.9, 1e-8, 0.01, m);
            for (int t = 0; t < 3; t++) {
                backward(m, a, k);
                optA.step(0.01, m);
                a.getArray().getGradient().subi(a.getArray().getGradient());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            optA.save(new DataOutputStream(bytes));
            Parameter b = parameter(m, a.getArray().toFloatArray());
            AdamW optB = new AdamW(Map.of("w", b), 0.8, 0.9, 1e-8, 0.01, m);
            optB.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(3, optB.steps());
            for (int t = 0; t < 3; t++) {
                backward(m, a, k);
                optA.step(0.01, m);
                a.getArray().getGradient().subi(a.getArray().getGradient());
                backward(m, b, k);
                optB.step(0.01, m);
                b.getArray().getGradient().subi(b.getArray().getGradient());
            }
            assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray());
        }
    }
}
