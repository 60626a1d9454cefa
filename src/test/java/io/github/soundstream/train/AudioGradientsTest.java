package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In float64: each term's gradient at the audio, read one by one, and the generator's graph left for later. */
class AudioGradientsTest {
    @Test
    void eachTermsGradientAtTheAudioIsReadAndTheGeneratorsBackwardRunsAfter() {
        EngineSetup.configure(1);
        double[] xs = {0.5, -1.0, 2.0, 0.25, -0.75, 1.5};
        double[] ts = {1.0, 2.0, -1.0, 0.5, 0.0, -2.0};
        double[] ws = {2.0, -3.0};
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.create(xs, new Shape(2, 1, 3));
            NDArray t = m.create(ts, new Shape(2, 1, 3));
            NDArray w = m.create(ws, new Shape(2, 1, 1)); // the "generator": one gain per clip
            w.setRequiresGradient(true);
            Map<String, NDArray> grads;
            NDArray y;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                y = w.mul(x);
                NDArray leaf = AudioGradients.leaf(y);
                Map<String, NDArray> terms = new LinkedHashMap<>();
                NDArray shared = leaf.mul(t); // both terms go through it, as the adversarial ones share a pass
                terms.put("linear", shared.sum());
                terms.put("square", shared.mul(leaf).sum());
                grads = AudioGradients.of(terms, leaf);
            }
            double[] linear = grads.get("linear").toDoubleArray();
            double[] square = grads.get("square").toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double yi = ws[i / 3] * xs[i];
                assertEquals(ts[i], linear[i], 1e-15, "∂Σ(y·t)/∂y");
                assertEquals(2 * ts[i] * yi, square[i], 1e-12, "∂Σ(t·y²)/∂y, not summed with the first term's");
            }
            assertArrayEquals(new double[] {0, 0}, w.getGradient().toType(DataType.FLOAT64, false)
                    .toDoubleArray(), "the generator is not reached");
            double clip0 = Math.sqrt(1 + 4 + 1);
            double clip1 = Math.sqrt(0.25 + 0 + 4);
            assertEquals((clip0 + clip1) / 2, AudioGradients.meanClipNorm(grads.get("linear")), 1e-15);

            NDArray combined = AudioGradients.combine(grads, Map.of("linear", 0.5, "square", 0.25));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(y.mul(combined).sum());
            }
            double[] dw = w.getGradient().toDoubleArray();
            for (int clip = 0; clip < 2; clip++) {
                double expected = 0;
                for (int i = clip * 3; i < clip * 3 + 3; i++) {
                    double yi = ws[clip] * xs[i];
                    expected += xs[i] * (0.5 * ts[i] + 0.25 * 2 * ts[i] * yi);
                }
                assertEquals(expected, dw[clip], 1e-6, "∂/∂w of the balanced sum, clip " + clip);
            }
        }
    }
}
