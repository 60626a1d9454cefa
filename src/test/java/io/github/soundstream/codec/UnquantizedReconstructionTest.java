package io.github.soundstream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.bench.SteadyLines;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.model.TestModels;
import io.github.soundstream.model.VectorQuantizer;
import org.junit.jupiter.api.Test;

/** The network with its quantizer left out: the yardstick eval --unquantized sets beside each bitrate. */
class UnquantizedReconstructionTest {
    @Test
    void leavesTheCodebooksOutAndKeepsTheLength() throws Exception {
        EngineSetup.configure(1);
        ModelConfig config = TestModels.micro();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            SoundStreamGenerator g = TestModels.generator(config, m, 3, DataType.FLOAT32);
            SoundStreamCodec codec = SoundStreamCodec.of(g, m);
            float[] x = Soundscape.generate(1, config.sampleRate(), 7 * config.hopLength() + 123);
            float[] before = codec.reconstructUnquantized(x);
            float[] coded = roundTrip(codec, x);
            assertEquals(x.length, before.length, "trimmed to the input, not to whole frames");
            for (int l = 0; l < config.numQuantizers(); l++) {
                VectorQuantizer layer = g.quantizer().layer(l);
                layer.codebook().muli(3);
                layer.codebookOverwritten();
            }
            assertArrayEquals(before, codec.reconstructUnquantized(x), "no codebook takes part");
            assertFalse(java.util.Arrays.equals(coded, roundTrip(codec, x)), "the codec's path does use them");
        }
    }

    private static float[] roundTrip(SoundStreamCodec codec, float[] x) throws Exception {
        return SteadyLines.decode(codec, SteadyLines.encode(codec, x), x.length);
    }
}
