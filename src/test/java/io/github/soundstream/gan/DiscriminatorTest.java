package io.github.soundstream.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.ParameterCounts;
import io.github.soundstream.nn.Constants;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscriminatorTest {
    @Test
    void standardSizesMatchTheOriginal() {
        EngineSetup.configure(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Discriminators d = new Discriminators(DiscriminatorConfig.standard(), 24000, new Constants(m));
            long wave = 0;
            for (var c : d.getChildren()) {
                if (c.getKey().contains("wave")) {
                    wave += ParameterCounts.weights(c.getValue());
                }
            }
            assertEquals(16_913_859, wave, "3 MelGAN scales, as in the original");
            // the original's STFT discriminator (2,792,257) ends in a 1×1 conv after averaging time away; ours ends
            // in a 1×8 conv over the remaining frequency bins, keeping time: 8C·8 − 8C = 1,792 more weights
            assertEquals(2_792_257 + 1_792, ParameterCounts.weights(d.stft()));
        }
    }

    @Test
    void shapesAndFeatureMaps() {
        EngineSetup.configure(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Discriminators d = tinyDiscriminators(m);
            NDArray x = m.randomNormal(new Shape(2, 1, 48000));
            List<DiscriminatorOutput> out = d.discriminate(x, true);
            assertEquals(4, out.size());
            assertEquals(new Shape(2, 1, 188), out.get(0).logits().getShape());
            assertEquals(new Shape(2, 1, 94), out.get(1).logits().getShape());
            assertEquals(new Shape(2, 1, 47), out.get(2).logits().getShape());
            for (int i = 0; i < 3; i++) {
                assertEquals(6, out.get(i).features().size());
            }
            // STFT: 188 frames → time ÷8 → 23 logits over time; frequency 513 → 8 → 1
            DiscriminatorOutput stft = out.get(3);
            assertEquals(new Shape(2, 1, 23), stft.logits().getShape());
            assertEquals(6, stft.features().size());
            assertEquals(new Shape(2, 4, 188, 256), stft.features().get(0).getShape(), "(B, C, time, freq)");
            assertEquals(new Shape(2, 32, 23, 8), stft.features().get(5).getShape());
        }
    }

    private static Discriminators tinyDiscriminators(NDManager m) {
        Discriminators d = new Discriminators(DiscriminatorConfig.tiny(), 24000, new Constants(m));
        d.initialize(m, DataType.FLOAT32);
        return d;
    }

    @Test
    void stftDiscriminatorTakesHalfASecondAndRefusesLess() {
        EngineSetup.configure(2);
        try (NDManager m = NDManager.newBaseManager()) {
            StftDiscriminator d = new StftDiscriminator(DiscriminatorConfig.tiny(), 24000, new Constants(m));
            d.initialize(m, DataType.FLOAT32);
            NDArray halfSecond = m.randomNormal(new Shape(1, 1, 12000));
            assertTrue(d.discriminate(halfSecond, false).logits().getShape().get(2) >= 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.discriminate(m.randomNormal(new Shape(1, 1, 11999)), false));
            assertTrue(e.getMessage().contains("at least 0.5 s"), e.getMessage());
        }
    }

    @Test
    void theSetIsBuiltFromItsListInOrderAndUnknownKindsAreRefused() {
        DiscriminatorConfig stftOnly = new DiscriminatorConfig(3, 4, 4, 1024, 256, false, java.util.List.of("stft"));
        DiscriminatorConfig reversed = new DiscriminatorConfig(2, 4, 4, 1024, 256, false,
                java.util.List.of("stft", "wave"));
        try (ai.djl.ndarray.NDManager m = io.github.soundstream.engine.EngineSetup.engine().newBaseManager()) {
            Constants c = new Constants(m);
            assertEquals(1, new Discriminators(stftOnly, 24000, c).count());
            Discriminators d = new Discriminators(reversed, 24000, c);
            assertEquals(java.util.List.of("01stft", "02wave0", "03wave1"), d.getChildren().keys()); // DJL numbers them
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DiscriminatorConfig(3, 4, 4, 1024, 256, false, java.util.List.of("wave", "msd")));
        assertEquals("unknown discriminator 'msd' (wave, stft, mpd, mrd)", e.getMessage());
        java.util.Properties p = new io.github.soundstream.checkpoint.CheckpointMeta("v", "r", "id",
                io.github.soundstream.model.ModelConfig.tiny(), reversed, new io.github.soundstream.data.DataConfig(
                null, 24000, 1, 1, 0, 1), io.github.soundstream.config.TrainingConfig.builder().build(), 0,
                io.github.soundstream.data.DataPosition.START, 0).toProperties();
        assertEquals("stft,wave", p.getProperty("discriminators.set"));
        assertEquals(reversed, io.github.soundstream.checkpoint.CheckpointMeta.fromProperties(p).discriminators());
    }

    @Test
    void thePeriodDiscriminatorsJudgeFoldedAudioAndPassGradients() {
        DiscriminatorConfig mpd = new DiscriminatorConfig(0, 4, 4, 1024, 256, false, java.util.List.of("mpd"));
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            Discriminators d = new Discriminators(mpd, 24000, new Constants(m));
            d.initialize(m, DataType.FLOAT32, new Shape(2, 1, 6000));
            assertEquals(java.util.List.of("01period2", "02period3", "03period5", "04period7", "05period11"),
                    d.getChildren().keys());
            NDArray x = m.randomNormal(new Shape(2, 1, 6001)); // not a multiple of any period: padded
            x.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getEngine("PyTorch")
                    .newGradientCollector()) {
                java.util.List<DiscriminatorOutput> out = d.discriminate(x, true);
                assertEquals(5, out.size());
                assertEquals(5, out.get(0).features().size());
                assertEquals(2, out.get(4).logits().getShape().get(0));
                assertEquals(11, out.get(4).logits().getShape().get(3), "one column per phase of the period");
                NDArray sum = out.get(0).logits().sum();
                for (DiscriminatorOutput o : out.subList(1, 5)) {
                    sum = sum.add(o.logits().sum());
                }
                gc.backward(sum);
            }
            assertTrue(x.getGradient().abs().sum().getFloat() > 0);
        }
    }

    @Test
    void theMultiBandDiscriminatorsCutDacsBandsAndJudgeEachWithItsOwnStack() {
        assertEquals(List.of(List.of(0, 102), List.of(102, 256), List.of(256, 512), List.of(512, 768),
                List.of(768, 1025)), java.util.Arrays.stream(MultiBandStftDiscriminator.bandBins(1025))
                .map(b -> List.of(b[0], b[1])).toList(), "DAC's edges of 2048-point bins, rounded down");
        DiscriminatorConfig mrd = new DiscriminatorConfig(0, 4, 4, 1024, 256, false, List.of("mrd"));
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            Discriminators d = new Discriminators(mrd, 24000, new Constants(m));
            d.initialize(m, DataType.FLOAT32, new Shape(2, 1, 24000));
            assertEquals(List.of("01mrd2048", "02mrd1024", "03mrd512"), d.getChildren().keys());
            NDArray quiet = m.randomNormal(0, 0.01f, new Shape(2, 1, 24000), DataType.FLOAT32);
            // a 10 kHz tone: bin 853 of 1025, in the top band only
            float[] tone = new float[24000];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 10_000 * i / 24000.0));
            }
            NDArray withTone = quiet.add(m.create(tone).reshape(1, 1, 24000));
            withTone.setRequiresGradient(true);
            List<DiscriminatorOutput> base = d.discriminate(quiet, false);
            DiscriminatorOutput big = base.get(0);
            assertEquals(new Shape(2, 1, 47, 13 + 20 + 32 + 32 + 33), big.logits().getShape(),
                    "47 frames; each band's bins ÷8 by three frequency strides, rounded up");
            assertEquals(25, big.features().size(), "five maps of each of five bands");
            assertEquals(new Shape(2, 4, 47, 102), big.features().get(0).getShape());
            assertEquals(new Shape(2, 4, 47, 33), big.features().get(24).getShape());
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getEngine("PyTorch")
                    .newGradientCollector()) {
                DiscriminatorOutput toned = d.discriminate(withTone, true).get(0);
                // Centred frames reflect the signal at both ends; the kink that makes in the tone is broadband,
                // so the edge frames' low bins do hear it. Frames 7..39 are clear of the padding (frames 2..44)
                // and of the five time-kernels of 3 that spread it; there only float32 rounding reaches the
                // low band (about 1e-6, against 1e-4 to 2e-2 over all frames, depending on the random weights).
                String interior = ":, :, 7:40, :";
                for (int map : new int[] {0, 4}) {
                    double lowBand = relativeChange(big.features().get(map).get(interior),
                            toned.features().get(map).get(interior));
                    double topBand = relativeChange(big.features().get(20 + map).get(interior),
                            toned.features().get(20 + map).get(interior));
                    assertTrue(lowBand < 1e-4, "map " + map + ": the lowest band's stack does not see a 10 kHz tone: "
                            + lowBand);
                    assertTrue(topBand > 0.1, "map " + map + ": the top band's stack does: " + topBand);
                }
                gc.backward(toned.logits().sum());
            }
            assertTrue(withTone.getGradient().abs().sum().getFloat() > 0);
        }
    }

    private static double relativeChange(NDArray before, NDArray after) {
        return after.sub(before).abs().sum().getFloat() / (before.abs().sum().getFloat() + 1e-30);
    }
}
