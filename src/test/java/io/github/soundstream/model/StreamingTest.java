package io.github.soundstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunked (streaming) encoding gives the whole-signal codes exactly; chunked decoding the same audio within 1e-5. */
class StreamingTest {
    /** A long stream must not pile arrays up in the stream state: one context per causal layer, whatever the length. */
    @org.junit.jupiter.api.Test
    void streamStateStaysTheSameSizeOverManyChunks() {
        EngineSetup.configure(2);
        try (NDManager m = NDManager.newBaseManager()) {
            SoundStreamGenerator g = TestModels.generator(TestModels.micro(), m, 5, DataType.FLOAT32);
            float[] audio = Soundscape.generate(4, 24000, 640);
            try (StreamState enc = new StreamState(m); StreamState dec = new StreamState(m)) {
                int[] held = new int[2];
                for (int chunk = 0; chunk < 40; chunk++) {
                    try (NDManager scope = m.newSubManager()) {
                        NDArray codes = g.encodeChunk(scope.create(audio, new Shape(1, 1, 640)), 4, enc);
                        g.decodeChunk(codes, dec);
                    }
                    if (chunk == 4) {
                        held[0] = enc.heldArrays();
                        held[1] = dec.heldArrays();
                    }
                }
                assertEquals(held[0], enc.heldArrays(), "encoder state after 40 chunks");
                assertEquals(held[1], dec.heldArrays(), "decoder state after 40 chunks");
                org.junit.jupiter.api.Assertions.assertTrue(held[0] > 0 && held[0] < 100, "held " + held[0]);
            }
        }
    }

    @ParameterizedTest(name = "{0} frames per chunk")
    @ValueSource(ints = {1, 2, 3, 7, 40})
    void chunkedEqualsWhole(int framesPerChunk) {
        EngineSetup.configure(2);
        int frames = 40;
        try (NDManager m = NDManager.newBaseManager()) {
            SoundStreamGenerator g = TestModels.generator(TestModels.micro(), m, 5, DataType.FLOAT32);
            float[] audio = Soundscape.generate(3, 24000, frames * 320);
            NDArray whole = m.create(audio, new Shape(1, 1, audio.length));
            NDArray codes = g.encode(whole, 4);
            float[] decoded = g.decode(codes, audio.length).toFloatArray();

            List<NDArray> chunkCodes = new ArrayList<>();
            try (StreamState state = new StreamState(m)) {
                for (int f = 0; f < frames; f += framesPerChunk) {
                    int n = Math.min(framesPerChunk, frames - f);
                    try (NDManager chunk = m.newSubManager()) {
                        NDArray x = chunk.create(java.util.Arrays.copyOfRange(audio, f * 320, (f + n) * 320),
                                new Shape(1, 1, n * 320));
                        NDArray c = g.encodeChunk(x, 4, state);
                        c.attach(m);
                        chunkCodes.add(c);
                    }
                }
            }
            NDArray streamed = NDArrays.concat(new NDList(chunkCodes), 2);
            assertArrayEquals(codes.toLongArray(), streamed.toLongArray(), "codes");

            float[] out = new float[audio.length];
            try (StreamState state = new StreamState(m)) {
                int f = 0;
                for (NDArray c : chunkCodes) {
                    try (NDManager chunk = m.newSubManager()) {
                        float[] y = g.decodeChunk(c, state).toFloatArray();
                        System.arraycopy(y, 0, out, f * 320, y.length);
                        f += (int) c.getShape().get(2);
                    }
                }
            }
            for (int i = 0; i < out.length; i++) {
                assertEquals(decoded[i], out[i], 1e-5, "sample " + i);
            }
        }
    }
}
