package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.DiscriminatorOutput;
import io.github.soundstream.gan.Discriminators;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.model.TestModels;
import io.github.soundstream.nn.Constants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole networks' float32 gradients against float64 ones, in the three ways a training step takes them: input
 * gradients through frozen discriminators (generator step), weight gradients of discriminators on data
 * (discriminator step), and all gradients of the encoder and decoder, with losses whose gradients depend on the
 * forward values. Why whole networks: per-layer checks of a linear loss can pass while a network trains on wrong
 * numbers. oneDNN's channels-last kernels passed every per-layer check, yet failed here by 3–30 %: they compute
 * wrong forward values for some shapes (16→40 channels on 26 frames), and a linear loss's gradients never look at
 * forward values. Without the channel alignment of {@code engine.ConvGeometry}, all three tests fail on AVX-512
 * processors (NaN input gradients). Two threads, as in training, where those faults showed.
 */
class NetworkGradientTest {
    private static final double TOLERANCE = 1e-4; // right kernels give about 1e-7; the faults seen were > 1e-2

    @BeforeAll
    static void setup() {
        EngineSetup.configure(2);
    }

    @Test
    void inputGradientsThroughFrozenDiscriminators() {
        compare(NetworkGradientTest::discriminators, true, false, (block, x) -> verdictLoss(
                ((Discriminators) block).discriminate(x, true)), new Shape(2, 1, TrainingFixtures.RATE / 2));
    }

    @Test
    void discriminatorWeightGradientsOnData() {
        compare(NetworkGradientTest::discriminators, false, true, (block, x) -> verdictLoss(
                ((Discriminators) block).discriminate(x, true)), new Shape(2, 1, TrainingFixtures.RATE / 2));
    }

    @Test
    void encoderAndDecoderGradients() {
        compare((m, type) -> TestModels.generator(TrainingFixtures.model(), m, 3, type), true, true, (block, x) -> {
            SoundStreamGenerator g = (SoundStreamGenerator) block;
            NDArray y = g.decoder().forward(g.encoder().forward(x, true, null), true, null);
            return y.sub(x).abs().mean().add(y.square().mean());
        }, new Shape(2, 1, 1600));
    }

    private interface Loss {
        NDArray apply(Block block, NDArray input);
    }

    private static Discriminators discriminators(NDManager m, DataType type) {
        Discriminators d = new Discriminators(TrainingFixtures.discriminators(), TrainingFixtures.RATE,
                new Constants(m));
        d.initialize(m, type);
        return d;
    }

    private static NDArray verdictLoss(List<DiscriminatorOutput> verdicts) {
        NDArray loss = null;
        for (DiscriminatorOutput o : verdicts) {
            NDArray t = o.logits().square().mean();
            for (NDArray f : o.features()) {
                t = t.add(f.abs().mean());
            }
            loss = loss == null ? t : loss.add(t);
        }
        return loss;
    }

    /** Builds the network in both precisions with the float32 weights, and compares the chosen gradients. */
    private static void compare(BiFunction<NDManager, DataType, Block> build, boolean inputGradient,
            boolean weightGradients, Loss loss, Shape inputShape) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(11);
            Block net32 = build.apply(m, DataType.FLOAT32);
            Block net64 = build.apply(m, DataType.FLOAT64);
            var p32 = net32.getParameters();
            var p64 = net64.getParameters();
            for (int i = 0; i < p32.size(); i++) {
                p64.get(i).getValue().getArray().set(p32.get(i).getValue().getArray().toType(DataType.FLOAT64, true)
                        .toByteBuffer());
            }
            NDArray input = m.randomNormal(inputShape).mul(0.3f);
            List<double[]> g32 = gradients(net32, input, inputGradient, weightGradients, loss);
            List<double[]> g64 = gradients(net64, input.toType(DataType.FLOAT64, true), inputGradient,
                    weightGradients, loss);
            List<String> wrong = new ArrayList<>();
            double worst = 0;
            for (int i = 0; i < g32.size(); i++) {
                double err = relativeError(g32.get(i), g64.get(i));
                worst = Double.isNaN(err) ? Double.NaN : Math.max(worst, err);
                if (!(err <= TOLERANCE)) {
                    wrong.add(String.format(Locale.ROOT, "#%d: %.2e", i, err));
                }
            }
            assertTrue(wrong.isEmpty(), g32.size() + " gradients, wrong: " + wrong);
            assertTrue(g32.size() > (weightGradients ? 10 : 0), "gradients compared: " + g32.size());
        }
    }

    private static List<double[]> gradients(Block net, NDArray input0, boolean inputGradient,
            boolean weightGradients, Loss loss) {
        List<NDArray> leaves = new ArrayList<>();
        for (var e : net.getParameters()) {
            Parameter p = e.getValue();
            boolean trainable = weightGradients && p.requiresGradient();
            p.getArray().setRequiresGradient(trainable);
            if (trainable) {
                leaves.add(p.getArray());
            }
        }
        NDArray input = input0.duplicate();
        if (inputGradient) {
            input.setRequiresGradient(true);
            leaves.add(0, input);
        }
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(loss.apply(net, input));
        }
        List<double[]> out = new ArrayList<>();
        for (NDArray leaf : leaves) {
            out.add(leaf.getGradient().toType(DataType.FLOAT64, true).toDoubleArray());
        }
        return out;
    }

    private static double relativeError(double[] a, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ref[i]) * (a[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }
}
