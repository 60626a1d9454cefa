package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossBalancerTest {
    private static final Map<String, Double> WEIGHTS = Map.of("mel", 1.0, "adversarial", 3.0);

    @Test
    void eachLossGetsItsWeightsShareOverItsRunningGradientNorm() {
        LossBalancer b = new LossBalancer();
        Map<String, Double> first = b.scales(WEIGHTS, Map.of("mel", 2.0, "adversarial", 0.5));
        // the first average is the first norm (bias-corrected): 1/4 of a unit gradient over 2, 3/4 over 0.5
        assertEquals(0.125, first.get("mel"), 1e-9);
        assertEquals(1.5, first.get("adversarial"), 1e-9);
        Map<String, Double> second = b.scales(WEIGHTS, Map.of("mel", 4.0, "adversarial", 0.5));
        double melAverage = (0.999 * 2.0 + 4.0) / (0.999 + 1.0);
        assertEquals(0.25 / melAverage, second.get("mel"), 1e-9);
        assertEquals(1.5, second.get("adversarial"), 1e-9, "a steady norm keeps its scale");
        assertEquals(melAverage, b.averageNorm("mel"), 1e-9);
        assertEquals(Double.NaN, b.averageNorm("stft"));
    }

    @Test
    void aLossJoiningLaterStartsItsOwnAverage() {
        LossBalancer b = new LossBalancer();
        b.scales(Map.of("mel", 1.0), Map.of("mel", 2.0)); // warm-up: the mel loss alone takes the whole gradient
        assertEquals(0.5, b.scales(Map.of("mel", 1.0), Map.of("mel", 2.0)).get("mel"), 1e-9);
        Map<String, Double> gan = b.scales(WEIGHTS, Map.of("mel", 2.0, "adversarial", 8.0));
        assertEquals(0.25 / 2.0, gan.get("mel"), 1e-9);
        assertEquals(0.75 / 8.0, gan.get("adversarial"), 1e-9);
    }

    @Test
    void savedStateContinuesExactly() throws IOException {
        LossBalancer a = new LossBalancer();
        a.scales(WEIGHTS, Map.of("mel", 2.0, "adversarial", 0.5));
        a.scales(WEIGHTS, Map.of("mel", 3.0, "adversarial", 0.7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.save(new DataOutputStream(bytes));
        LossBalancer b = new LossBalancer();
        b.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Map<String, Double> next = Map.of("mel", 5.0, "adversarial", 0.1);
        assertEquals(a.scales(WEIGHTS, next), b.scales(WEIGHTS, next));
    }

    @Test
    void weightsAndNormsMustNameTheSameLosses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LossBalancer().scales(WEIGHTS, Map.of("mel", 1.0)));
        assertEquals(true, e.getMessage().contains("must name the same losses"), e.getMessage());
    }

    @Test
    void aBalancedRunNeedsAWeightOnTheMelLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                io.github.soundstream.config.TrainingConfig.builder().lossBalancer(true).lambdaRec(0).build());
        assertEquals(true, e.getMessage().contains("lambdaRec = 0.0"), e.getMessage());
        io.github.soundstream.config.TrainingConfig.builder().lambdaRec(0).build(); // the plain sum allows it
    }
}
