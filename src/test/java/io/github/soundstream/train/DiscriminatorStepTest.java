package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.AdversarialLosses;
import io.github.soundstream.gan.DiscriminatorOutput;
import io.github.soundstream.gan.Discriminators;
import io.github.soundstream.nn.Constants;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The discriminator step reuses the real pass that the generator step recorded, with the discriminators frozen in
 * between for the fake pass and the generator's backward. Its gradients must be those of both passes run inside the
 * discriminator step, and the generator's backward must leave no discriminator gradients behind.
 */
class DiscriminatorStepTest {
    @Test
    void aRealPassRecordedInTheGeneratorStepGivesTheGradientsOfPassesRunInTheDiscriminatorStep() {
        EngineSetup.configure(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            Constants constants = new Constants(m);
            Discriminators d = new Discriminators(TrainingFixtures.discriminators(), TrainingFixtures.RATE,
                    constants);
            d.initialize(m, DataType.FLOAT32);
            AdversarialLosses losses = new AdversarialLosses(constants);
            Collection<Parameter> params = new ArrayList<>();
            List<String> names = new ArrayList<>();
            d.getParameters().forEach(e -> {
                names.add(e.getKey());
                params.add(e.getValue());
            });
            NDArray real = m.randomNormal(new Shape(2, 1, 4000)).mul(0.5f);
            // unlike the real clips, so that the hinge's real and fake terms do not cancel
            NDArray fake = m.randomNormal(new Shape(2, 1, 4000)).mul(0.02f);

            // reference: both passes inside the discriminator step, as a plain implementation would run them
            Gradients.zero(params, m);
            float referenceLoss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = losses.discriminatorHinge(d.discriminate(real, true), d.discriminate(fake, true));
                gc.backward(loss);
                referenceLoss = loss.getFloat();
            }
            List<float[]> reference = gradients(params);

            // now: the generator step records the real pass, then judges the fake frozen and backpropagates
            Gradients.zero(params, m);
            List<DiscriminatorOutput> realVerdicts;
            NDArray generated = fake.duplicate();
            generated.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                realVerdicts = d.discriminate(real, true);
                Gradients.setTrainable(params, false);
                List<DiscriminatorOutput> fakeVerdicts = d.discriminate(generated, true);
                gc.backward(losses.generatorHinge(fakeVerdicts).add(losses.featureMatching(realVerdicts,
                        fakeVerdicts)));
            }
            Gradients.setTrainable(params, true);
            assertTrue(generated.getGradient().abs().sum().getFloat() > 0, "the generator got no gradient");
            for (float[] g : gradients(params)) {
                for (float v : g) {
                    assertEquals(0f, v, "the generator's backward left a discriminator gradient");
                }
            }
            // ... and the discriminator step judges only the fake, reusing the real verdicts
            float reusedLoss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = losses.discriminatorHinge(realVerdicts, d.discriminate(fake, true));
                gc.backward(loss);
                reusedLoss = loss.getFloat();
            }
            List<float[]> reused = gradients(params);

            assertEquals(referenceLoss, reusedLoss, 1e-6f * Math.abs(referenceLoss));
            assertEquals(reference.size(), reused.size());
            // compared per discriminator: single parameters (a logits bias under the hinge) can have gradients that
            // cancel to noise
            Map<String, double[]> byDiscriminator = new TreeMap<>();
            for (int i = 0; i < reference.size(); i++) {
                double[] acc = byDiscriminator.computeIfAbsent(names.get(i).split("_")[0], k -> new double[2]);
                for (int k = 0; k < reference.get(i).length; k++) {
                    double diff = reference.get(i)[k] - reused.get(i)[k];
                    acc[0] += diff * diff;
                    acc[1] += (double) reference.get(i)[k] * reference.get(i)[k];
                }
            }
            assertEquals(d.count(), byDiscriminator.size());
            byDiscriminator.forEach((name, acc) -> {
                assertTrue(acc[1] > 0, name + " got no gradient");
                assertTrue(Math.sqrt(acc[0] / acc[1]) < 1e-6, name + ": relative difference "
                        + Math.sqrt(acc[0] / acc[1]));
            });
        }
    }

    private static List<float[]> gradients(Collection<Parameter> params) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.getArray().getGradient().toFloatArray());
        }
        return out;
    }
}
