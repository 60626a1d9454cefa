package io.github.soundstream.audio;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * A decoded file as mono samples at a chosen rate, pulled in chunks: channels are averaged, then resampled.
 * Memory stays bounded by the chunk size whatever the file's length.
 */
public final class MonoStream implements Closeable {
    private final AudioStream source;
    private final int sampleRate;
    private final StreamingResampler resampler;
    private final float[] interleaved;
    private final float[] mono;
    private float[] fifo = new float[16384];
    private int fifoStart;
    private int fifoEnd;
    private boolean sourceEnded;

    public MonoStream(AudioStream source, int sampleRate) {
        this.source = source;
        this.sampleRate = sampleRate;
        this.resampler = new StreamingResampler(source.info().sampleRate(), sampleRate);
        int chunk = AudioFiles.chunkFrames(source.info().channels());
        this.interleaved = new float[chunk * source.info().channels()];
        this.mono = new float[chunk];
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** What the decoded file is, before the downmix and resampling. */
    public AudioInfo sourceInfo() {
        return source.info();
    }

    /** Output length when the source states its length, else {@link AudioInfo#UNKNOWN_LENGTH}. */
    public long expectedLength() {
        AudioInfo info = source.info();
        return info.lengthKnown() ? Math.round(info.frames() * (double) sampleRate / info.sampleRate())
                : AudioInfo.UNKNOWN_LENGTH;
    }

    /** Reads up to {@code max} samples; returns the count, or -1 at the end. */
    public int read(float[] out, int offset, int max) throws IOException {
        while (fifoEnd - fifoStart == 0) {
            if (sourceEnded) {
                return -1;
            }
            pull();
        }
        int n = Math.min(max, fifoEnd - fifoStart);
        System.arraycopy(fifo, fifoStart, out, offset, n);
        fifoStart += n;
        return n;
    }

    /** Reads everything that is left. */
    public float[] readAll() throws IOException {
        long expected = expectedLength();
        float[] all = new float[expected > 0 && expected < Integer.MAX_VALUE ? (int) expected : 1 << 16];
        int n = 0;
        while (true) {
            if (n == all.length) {
                all = Arrays.copyOf(all, all.length * 2);
            }
            int got = read(all, n, all.length - n);
            if (got < 0) {
                break;
            }
            n += got;
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }

    private void pull() throws IOException {
        int channels = source.info().channels();
        int frames = source.read(interleaved, mono.length);
        if (frames < 0) {
            sourceEnded = true;
            resampler.finish(this::append);
            return;
        }
        if (channels == 1) {
            System.arraycopy(interleaved, 0, mono, 0, frames);
        } else {
            float scale = 1f / channels;
            for (int i = 0, p = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += interleaved[p++];
                }
                mono[i] = sum * scale;
                if (!Float.isFinite(mono[i])) {
                    // finite channels can still sum past the float range (±3e38 each)
                    throw new AudioFileException(source.info().path(), "corrupt: samples sum to " + mono[i]
                            + " when channels are averaged");
                }
            }
        }
        resampler.process(mono, 0, frames, this::append);
    }

    private void append(float[] samples, int offset, int length) {
        if (fifoStart > 0 && fifoEnd + length > fifo.length) {
            System.arraycopy(fifo, fifoStart, fifo, 0, fifoEnd - fifoStart);
            fifoEnd -= fifoStart;
            fifoStart = 0;
        }
        if (fifoEnd + length > fifo.length) {
            fifo = Arrays.copyOf(fifo, Math.max(fifo.length * 2, fifoEnd + length));
        }
        System.arraycopy(samples, offset, fifo, fifoEnd, length);
        fifoEnd += length;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
