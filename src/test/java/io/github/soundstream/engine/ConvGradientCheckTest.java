package io.github.soundstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.gan.Discriminators;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.Convolution;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Float32 vs float64 gradients of every convolution the tiny generator and the standard discriminators train, at
 * their real channel counts: through the networks' channel-aligned path all are right with oneDNN uncapped, on any
 * processor. Whether oneDNN gets the unaligned shapes wrong depends on the processor, so no test asks for that
 * fault: {@code bench/OneDnnFaultProbe} reports it, and the checker is tested on a deliberately wrong gradient.
 */
class ConvGradientCheckTest {
    private static List<ConvGeometry> shapes;

    @BeforeAll
    static void tinyWithStandardDiscriminators() {
        EngineSetup.configure(2);
        shapes = census(ModelConfig.tiny(), DiscriminatorConfig.standard());
    }

    private static List<ConvGeometry> census(ModelConfig model, DiscriminatorConfig disc) {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            return Convolution.census(new SoundStreamGenerator(model),
                    new Discriminators(disc, 24000, new Constants(m)));
        }
    }

    @Test
    void theCensusFindsEveryKindOfLayer() {
        assertTrue(shapes.size() > 30, shapes.toString());
        assertTrue(shapes.stream().anyMatch(ConvGeometry::twoD), "STFT discriminator convs");
        assertTrue(shapes.stream().anyMatch(g -> g.groups() == 256), "grouped wave discriminator convs");
        assertTrue(shapes.stream().anyMatch(g -> g.kernelW() == 2 && g.out() == 64 * 5), "polyphase upsampler");
        assertEquals(3, shapes.stream().filter(g -> g.out() == 1).count(), "decoder output and two logits");
    }

    @Test
    void everyLayerHasCorrectGradientsThroughTheNetworksPath() {
        ConvGradientCheck.Result r = ConvGradientCheck.run(shapes, 2);
        assertEquals(2 * shapes.size(), r.checks());
        assertTrue(r.passed(), r.summary());
        assertTrue(r.worstError() < 2e-5, r.summary());
    }

    @Test
    void aModelOfOddWidthsHasCorrectGradientsToo() {
        // C = 24, D = 200: 24, 48 and 200 channels, and 48 → 96 at stride 4, which oneDNN gets wrong unpadded
        List<ConvGeometry> odd = census(new ModelConfig(24, 200, ModelConfig.DEFAULT_STRIDES, 8, 1024, 24000),
                DiscriminatorConfig.small());
        ConvGradientCheck.Result r = ConvGradientCheck.run(odd, 2);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void theCheckCatchesAWrongFloat32GradientBehindARightForwardPass() {
        List<ConvGeometry> some = shapes.subList(0, 4);
        ConvGradientCheck.Result r = ConvGradientCheck.run(some, 1, Faults.doubledFloat32Gradient(() -> true));
        assertEquals(4, r.checks());
        assertEquals(4, r.failures(), r.summary());
        assertEquals(1.0, r.worstError(), 1e-3, r.summary()); // twice the gradient: relative error exactly 1
    }
}
