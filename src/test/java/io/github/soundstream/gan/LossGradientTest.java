package io.github.soundstream.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.model.TestModels;
import io.github.soundstream.nn.Constants;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every loss's gradient with respect to the generated audio, through {@code stft} and the discriminators, against
 * central finite differences in float64.
 */
class LossGradientTest {
    private static final int RATE = 8000;
    private static final int LENGTH = 4000; // 0.5 s, the STFT discriminator's minimum
    private static NDManager manager;
    private static Constants constants;
    private static Discriminators discriminators;
    private static NDArray target;
    private static NDArray fake;

    @BeforeAll
    static void setUp() {
        EngineSetup.configure(1);
        manager = NDManager.newBaseManager();
        constants = new Constants(manager);
        Engine.getEngine("PyTorch").setRandomSeed(5);
        discriminators = new Discriminators(DiscriminatorConfig.tiny(), RATE, constants);
        discriminators.initialize(manager, DataType.FLOAT64);
        target = manager.randomNormal(0, 0.3f, new Shape(1, 1, LENGTH), DataType.FLOAT64);
        fake = manager.randomNormal(0, 0.3f, new Shape(1, 1, LENGTH), DataType.FLOAT64);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void melReconstructionLoss() {
        MelReconstructionLoss mel = new MelReconstructionLoss(RATE, constants);
        checkGradient("mel", x -> mel.compute(target, x));
    }

    @Test
    void dacMelReconstructionLoss() {
        MelReconstructionLoss mel = MelReconstructionLoss.dac(RATE, constants);
        checkGradient("dac mel", x -> mel.compute(target, x));
        assertTrue(mel.compute(target, target).getDouble() == 0, "zero for a perfect reconstruction");
    }

    @Test
    void stftMagnitudeLoss() {
        StftMagnitudeLoss stft = new StftMagnitudeLoss(constants);
        checkGradient("stft", x -> stft.compute(target, x));
    }

    /** The training loss is the eval report's multi-resolution STFT distance, here computed in float64. */
    @Test
    void stftMagnitudeLossIsTheMultiResolutionStftDistance() {
        try (NDManager m = manager.newSubManager()) {
            double loss = new StftMagnitudeLoss(constants).compute(target, fake).getDouble();
            double reference = io.github.soundstream.metrics.Metrics.multiResolutionStftDistance(
                    target.toType(DataType.FLOAT32, true).toFloatArray(), fake.toType(DataType.FLOAT32, true)
                            .toFloatArray());
            assertEquals(reference, loss, 1e-5 * reference);
            assertEquals(0, new StftMagnitudeLoss(constants).compute(target, target).getDouble(), 1e-12);
        }
    }

    @Test
    void generatorHingeThroughWaveAndStftDiscriminators() {
        AdversarialLosses adv = new AdversarialLosses(constants);
        checkGradient("generator hinge", x -> adv.generatorHinge(discriminators.discriminate(x, true)));
    }

    @Test
    void stftDiscriminatorAlone() {
        checkGradient("stft logits", x -> discriminators.stft().discriminate(x, true).logits().square().mean());
    }

    @Test
    void featureMatching() {
        AdversarialLosses adv = new AdversarialLosses(constants);
        checkGradient("feature matching", x -> adv.featureMatching(discriminators.discriminate(target, true),
                discriminators.discriminate(x, true)));
    }

    @Test
    void discriminatorHingeOnTheFakeInput() {
        AdversarialLosses adv = new AdversarialLosses(constants);
        checkGradient("discriminator hinge", x -> adv.discriminatorHinge(discriminators.discriminate(target, true),
                discriminators.discriminate(x, true)));
    }

    @Test
    void lossesAreFiniteAndPositiveWhereTheyMustBe() {
        AdversarialLosses adv = new AdversarialLosses(constants);
        MelReconstructionLoss mel = new MelReconstructionLoss(RATE, constants);
        try (NDManager m = manager.newSubManager()) {
            NDArray x = fake.duplicate();
            x.attach(m);
            double rec = mel.compute(target, x).getDouble();
            double same = mel.compute(target, target).getDouble();
            List<DiscriminatorOutput> real = discriminators.discriminate(target, false);
            List<DiscriminatorOutput> gen = discriminators.discriminate(x, false);
            double d = adv.discriminatorHinge(real, gen).getDouble();
            double g = adv.generatorHinge(gen).getDouble();
            double fm = adv.featureMatching(real, gen).getDouble();
            assertTrue(rec > 0 && Double.isFinite(rec), "rec " + rec);
            assertEquals(0, same, 1e-12, "identical signals");
            assertTrue(d > 0 && Double.isFinite(d), "D hinge " + d);
            assertTrue(g >= 0 && Double.isFinite(g), "G hinge " + g);
            assertTrue(fm > 0 && Double.isFinite(fm), "feature matching " + fm);
            assertEquals(0, adv.featureMatching(real, real).getDouble(), 0);
        }
    }

    @Test
    void everyQuantizerLayersCommitmentReachesTheEncoder() {
        try (NDManager m = manager.newSubManager()) {
            SoundStreamGenerator g = TestModels.generator(TestModels.micro(), m, 3, DataType.FLOAT64);
            NDArray x = target.duplicate();
            x.attach(m);
            double[] oneLayer = commitmentGradient(g, x, 1, m);
            double[] twoLayers = commitmentGradient(g, x, 2, m);
            double diff = 0;
            for (int i = 0; i < oneLayer.length; i++) {
                diff += Math.abs(twoLayers[i] - oneLayer[i]);
            }
            assertTrue(diff > 1e-9, "layer 1's commitment term changes the encoder's gradient: " + diff);
        }
    }

    private static double[] commitmentGradient(SoundStreamGenerator g, NDArray x, int layers, NDManager m) {
        var weight = g.encoder().getParameters().get(0).getValue().getArray();
        weight.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(g.forward(x, layers, true, new Constants(m)).quantizer().commitment());
        }
        return weight.getGradient().toDoubleArray();
    }

    private static void checkGradient(String name, Function<NDArray, NDArray> loss) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = fake.duplicate();
            x.attach(m);
            x.setRequiresGradient(true);
            double[] grad;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(loss.apply(x));
                grad = x.getGradient().toDoubleArray();
            }
            double[] x0 = fake.toDoubleArray();
            int[] probes = {100, 1234, 2000, 2001, 2999, 3900};
            double h = 1e-6;
            double scale = 0;
            for (double v : grad) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, name + ": gradient is zero everywhere");
            for (int i : probes) {
                double plus = value(loss, x0, i, h, m);
                double minus = value(loss, x0, i, -h, m);
                double fd = (plus - minus) / (2 * h);
                // round-off floor of a central difference: ε·|loss|/h
                double floor = 1e-15 * Math.max(1, Math.abs(plus)) / h;
                assertEquals(fd, grad[i], floor + 1e-5 * scale + 1e-4 * Math.abs(fd), name + " at sample " + i);
            }
        }
    }

    private static double value(Function<NDArray, NDArray> loss, double[] x0, int i, double h, NDManager m) {
        double[] x = x0.clone();
        x[i] += h;
        try (NDManager local = m.newSubManager()) {
            return loss.apply(local.create(x, new Shape(1, 1, LENGTH))).getDouble();
        }
    }
}
