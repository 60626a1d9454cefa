package io.github.soundstream.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.soundstream.engine.InferenceScope;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples in, codes out, a frame at a time: each whole frame pushed is encoded as soon as it is complete (the
 * encoder is causal), continuing every convolution from the context the previous chunk left in its
 * {@link StreamState}. The codes equal those of encoding the whole signal at once. Each chunk runs in its own
 * NDManager scope, so memory stays flat however long the stream.
 */
public final class StreamingEncoder implements AutoCloseable {
    private final SoundStreamGenerator generator;
    private final int quantizers;
    private final int chunkFrames;
    private final int hop;
    private final NDManager manager;
    private final StreamState state;
    private float[] pending = new float[0];
    private int pendingLength;
    private long samplesIn;
    private boolean finished;

    StreamingEncoder(SoundStreamGenerator generator, int quantizers, int chunkFrames, NDManager parent) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("chunk must be at least one frame");
        }
        this.generator = generator;
        this.quantizers = quantizers;
        this.chunkFrames = chunkFrames;
        this.hop = generator.config().hopLength();
        this.manager = parent.newSubManager();
        this.state = new StreamState(manager);
    }

    /** Samples pushed so far (the signal's length once finished). */
    public long samplesIn() {
        return samplesIn;
    }

    /** Pushes samples; returns the codes ({@code [frame][layer]}) of every frame completed by them. */
    public int[][] push(float[] samples, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(samples, offset, pending, pendingLength, length);
        pendingLength += length;
        samplesIn += length;
        return encodeWholeFrames();
    }

    /** Encodes the last partial frame, zero-padded, and ends the stream. */
    public int[][] finish() {
        finished = true;
        if (pendingLength % hop != 0) {
            int padded = (pendingLength / hop + 1) * hop;
            pending = Arrays.copyOf(pending, Math.max(pending.length, padded));
            Arrays.fill(pending, pendingLength, padded, 0f);
            pendingLength = padded;
        }
        return encodeWholeFrames();
    }

    private int[][] encodeWholeFrames() {
        int frames = pendingLength / hop;
        List<int[]> out = new ArrayList<>(frames);
        int done = 0;
        while (done < frames) {
            int n = Math.min(chunkFrames, frames - done);
            try (InferenceScope noGrad = new InferenceScope(); NDManager chunk = manager.newSubManager()) {
                NDArray x = chunk.create(Arrays.copyOfRange(pending, done * hop, (done + n) * hop),
                        new Shape(1, 1, (long) n * hop));
                long[] codes = generator.encodeChunk(x, quantizers, state).toLongArray(); // (1, q, n)
                for (int f = 0; f < n; f++) {
                    int[] frame = new int[quantizers];
                    for (int q = 0; q < quantizers; q++) {
                        frame[q] = (int) codes[q * n + f];
                    }
                    out.add(frame);
                }
            }
            done += n;
        }
        int consumed = frames * hop;
        System.arraycopy(pending, consumed, pending, 0, pendingLength - consumed);
        pendingLength -= consumed;
        return out.toArray(new int[0][]);
    }

    @Override
    public void close() {
        manager.close();
    }
}
