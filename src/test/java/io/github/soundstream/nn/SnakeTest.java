package io.github.soundstream.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.ParameterCounts;
import io.github.soundstream.model.SoundStreamGenerator;
import org.junit.jupiter.api.Test;

/** Snake's value and both its gradients against the formulas in float64. */
class SnakeTest {
    @Test
    void valueAndGradientsMatchTheFormulas() {
        EngineSetup.configure(1);
        double[] xs = {-2.5, -0.7, 0.0, 0.3, 1.1, 3.9};
        double[] as = {0.5, 1.7};
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            double[] both = new double[12];
            System.arraycopy(xs, 0, both, 0, 6);
            System.arraycopy(xs, 0, both, 6, 6);
            NDArray x = m.create(both, new Shape(1, 2, 6));
            NDArray a = m.create(as, new Shape(1, 2, 1));
            x.setRequiresGradient(true);
            a.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                y = Snake.snake(x, a);
                gc.backward(y.sum());
            }
            assertEquals(DataType.FLOAT64, y.getDataType());
            double[] value = y.toDoubleArray();
            double[] dx = x.getGradient().toDoubleArray();
            double[] da = a.getGradient().toDoubleArray();
            for (int c = 0; c < 2; c++) {
                double alpha = as[c] + 1e-9;
                double dAlpha = 0;
                for (int i = 0; i < xs.length; i++) {
                    double v = xs[i];
                    double s = Math.sin(as[c] * v);
                    assertEquals(v + s * s / alpha, value[c * 6 + i], 1e-12);
                    assertEquals(1 + Math.sin(2 * as[c] * v) * as[c] / alpha, dx[c * 6 + i], 1e-9);
                    dAlpha += v * Math.sin(2 * as[c] * v) / alpha - s * s / (alpha * alpha);
                }
                assertEquals(dAlpha, da[c], 1e-9, "dL/dα of channel " + c);
            }
        }
    }

    @Test
    void aSnakeGeneratorHasOneAlphaPerActivatedChannel() {
        ModelConfig elu = new ModelConfig(2, 8, ModelConfig.DEFAULT_STRIDES, 2, 16, 8000);
        long a = ParameterCounts.of(new SoundStreamGenerator(elu)).total();
        long b = ParameterCounts.of(new SoundStreamGenerator(elu.withActivation("snake"))).total();
        // encoder block i: 3 units on C·2^i channels and one activation after its downsampling on 2C·2^i;
        // decoder blocks mirror it: one after the upsampling and 3 units, all on the output channels
        long expected = 0;
        for (int i = 0, c = 2; i < 4; i++, c *= 2) {
            expected += 3L * c + 2L * c + 4L * c;
        }
        assertEquals(expected, b - a);
    }
}
