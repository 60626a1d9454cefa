package io.github.soundstream.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.soundstream.engine.InferenceScope;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.StreamState;

/**
 * Codes in, samples out: each frame decodes to one hop of audio as soon as it arrives (one frame of latency,
 * 13.3 ms at 24 kHz), continuing from the previous chunk's {@link StreamState}; chunked decoding matches whole
 * decoding within float rounding. Each chunk runs in its own NDManager scope. The network's output goes through
 * a {@link DcBlocker}, so its constant offset never reaches the listener.
 */
public final class StreamingDecoder implements AutoCloseable {
    private final SoundStreamGenerator generator;
    private final int chunkFrames;
    private final int hop;
    private final NDManager manager;
    private final StreamState state;
    private final DcBlocker dcBlocker;

    StreamingDecoder(SoundStreamGenerator generator, int chunkFrames, NDManager parent) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("chunk must be at least one frame");
        }
        this.generator = generator;
        this.chunkFrames = chunkFrames;
        this.hop = generator.config().hopLength();
        this.manager = parent.newSubManager();
        this.state = new StreamState(manager);
        this.dcBlocker = new DcBlocker(generator.config().sampleRate());
    }

    /** Decodes frames of codes ({@code [frame][layer]}, all with the same number of layers) to audio. */
    public float[] push(int[][] frames) {
        float[] out = new float[frames.length * hop];
        int done = 0;
        while (done < frames.length) {
            int n = Math.min(chunkFrames, frames.length - done);
            int quantizers = frames[done].length;
            long[] codes = new long[quantizers * n];
            for (int f = 0; f < n; f++) {
                for (int q = 0; q < quantizers; q++) {
                    codes[q * n + f] = frames[done + f][q];
                }
            }
            try (InferenceScope noGrad = new InferenceScope(); NDManager chunk = manager.newSubManager()) {
                NDArray c = chunk.create(codes, new Shape(1, quantizers, n));
                float[] y = generator.decodeChunk(c, state).toFloatArray();
                System.arraycopy(y, 0, out, done * hop, y.length);
            }
            done += n;
        }
        dcBlocker.process(out);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
