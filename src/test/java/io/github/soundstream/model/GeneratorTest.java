package io.github.soundstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.SeededRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorTest {
    private static NDManager manager;
    private static SoundStreamGenerator model;

    @BeforeAll
    static void setUp() {
        EngineSetup.configure(2);
        manager = NDManager.newBaseManager();
        model = TestModels.generator(TestModels.micro(), manager, 7, DataType.FLOAT32);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static NDArray audio(NDManager m, long length, long seed) {
        float[] x = new float[(int) length];
        SeededRandom r = new SeededRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        return m.create(x, new Shape(1, 1, length));
    }

    @Test
    void parameterCountsAreHonest() {
        // the Python original's real counts (its README overstates them), codebooks included
        assertEquals(5_050_625, ParameterCounts.of(new SoundStreamGenerator(ModelConfig.tiny())).total());
        assertEquals(7_803_393, ParameterCounts.of(new SoundStreamGenerator(ModelConfig.small())).total());
        ParameterCounts base = ParameterCounts.of(new SoundStreamGenerator(ModelConfig.base()));
        assertEquals(15_999_489, base.total());
        assertEquals(5_378_560, base.encoder());
        assertEquals(6_426_625, base.decoder());
        assertEquals(4_194_304, base.codebooks());
    }

    @Test
    void aFreshEncoderEmbedsContentNotItsBiases() {
        // with PyTorch's default initialisation the embedding was a bias-made constant (norm 1.1) plus 0.08 of
        // content, and k-means codes fitted to it were stranded by the first optimizer steps (see ConvInit)
        try (NDManager m = NDManager.newBaseManager()) {
            SoundStreamGenerator tiny = TestModels.generator(ModelConfig.tiny(), m, 42, DataType.FLOAT32);
            float[] audio = new float[4 * 24000];
            for (int i = 0; i < 4; i++) {
                float[] clip = Soundscape.generate(Soundscape.clipSeed(42, i), 24000, 24000);
                System.arraycopy(clip, 0, audio, i * 24000, clip.length);
            }
            NDArray z = tiny.embed(m.create(audio, new Shape(4, 1, 24000)), false);
            // frames 10 and later: the first ones see the causal zero padding, not the clip
            NDArray frames = z.get(":, :, 10:").transpose(0, 2, 1).reshape(-1, z.getShape().get(1));
            NDArray mean = frames.mean(new int[] {0});
            double spread = Math.sqrt(frames.sub(mean).square().sum(new int[] {1}).mean().getFloat());
            double offset = Math.sqrt(mean.square().sum().getFloat());
            assertTrue(spread > 2 * offset, "content spread " + spread + " vs constant offset " + offset);
        }
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(longs = {1, 319, 320, 321, 4801, 24000})
    void anyLengthGoesThrough(long length) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = audio(m, length, length);
            NDArray codes = model.encode(x, 4);
            long frames = (length + 319) / 320;
            assertEquals(new Shape(1, 4, frames), codes.getShape());
            assertEquals(DataType.INT64, codes.getDataType());
            assertEquals(new Shape(1, 1, length), model.decode(codes, length).getShape());
            assertEquals(new Shape(1, 1, length), model.forward(x, false).getShape());
            assertEquals(new Shape(1, 1, frames * 320), model.decode(codes, frames * 320).getShape());
        }
    }

    @Test
    void encoderIsCausal() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = audio(m, 3200, 1);
            float[] before = model.embed(x, false).toFloatArray();
            int n = 1700; // frames t < n/320, i.e. 0..5, must not change
            float[] changed = x.toFloatArray();
            changed[n] += 0.5f;
            float[] after = model.embed(m.create(changed, x.getShape()), false).toFloatArray();
            int dim = 8;
            int frames = 10;
            boolean later = false;
            for (int d = 0; d < dim; d++) {
                for (int t = 0; t < frames; t++) {
                    int i = d * frames + t;
                    if (t * 320 < n) {
                        assertEquals(before[i], after[i], 0f, "frame " + t + " must not see sample " + n);
                    } else if (before[i] != after[i]) {
                        later = true;
                    }
                }
            }
            assertTrue(later, "some later frame does see the change");
        }
    }

    @Test
    void decoderIsCausalAndFrameExact() {
        try (NDManager m = manager.newSubManager()) {
            NDArray codes = model.encode(audio(m, 3200, 2), 4);
            float[] before = model.decode(codes, 3200).toFloatArray();
            long[] c = codes.toLongArray();
            int frame = 6;
            for (int layer = 0; layer < 4; layer++) {
                c[layer * 10 + frame] = (c[layer * 10 + frame] + 1) % 16;
            }
            float[] after = model.decode(m.create(c, codes.getShape()), 3200).toFloatArray();
            for (int i = 0; i < frame * 320; i++) {
                assertEquals(before[i], after[i], 0f, "sample " + i + " precedes frame " + frame);
            }
            boolean differs = false;
            for (int i = frame * 320; i < (frame + 1) * 320; i++) {
                differs |= before[i] != after[i];
            }
            assertTrue(differs, "the frame's own samples change");
        }
    }

    @Test
    void sameSeedSameModel() {
        try (NDManager m = manager.newSubManager()) {
            SoundStreamGenerator a = TestModels.generator(TestModels.micro(), m, 11, DataType.FLOAT32);
            SoundStreamGenerator b = TestModels.generator(TestModels.micro(), m, 11, DataType.FLOAT32);
            SoundStreamGenerator c = TestModels.generator(TestModels.micro(), m, 12, DataType.FLOAT32);
            NDArray x = audio(m, 2000, 3);
            float[] ya = a.forward(x, false).toFloatArray();
            assertArrayEquals(ya, b.forward(x, false).toFloatArray());
            assertFalse(java.util.Arrays.equals(ya, c.forward(x, false).toFloatArray()));
        }
    }

    @Test
    void prefixesOfTheCodesDecode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = audio(m, 1600, 4);
            NDArray all = model.encode(x, 4);
            for (int n = 1; n <= 4; n++) {
                NDArray prefix = all.get(":, :" + n + ", :");
                assertArrayEquals(model.encode(x, n).toLongArray(), prefix.toLongArray(), "codes of " + n);
                assertArrayEquals(model.decode(model.encode(x, n), 1600).toFloatArray(),
                        model.decode(prefix, 1600).toFloatArray());
            }
            assertThrows(IllegalArgumentException.class, () -> model.encode(x, 5));
        }
    }

    @Test
    void inferenceNeverTouchesTheCodebooks() {
        try (NDManager m = manager.newSubManager()) {
            float[][] before = codebooks();
            NDArray x = audio(m, 4000, 5);
            model.encode(x, 4);
            model.forward(x, false);
            model.forward(x, 3, false, new Constants(m));
            // even a training forward pass leaves them alone: updates are a separate, explicit step
            model.forward(x, 4, true, new Constants(m));
            float[][] after = codebooks();
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], "layer " + i);
            }
        }
    }

    private static float[][] codebooks() {
        float[][] out = new float[4][];
        for (int i = 0; i < 4; i++) {
            out[i] = model.quantizer().layer(i).codebook().toFloatArray();
        }
        return out;
    }
}
