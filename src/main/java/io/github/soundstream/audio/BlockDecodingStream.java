package io.github.soundstream.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Base for decoders that produce audio a block (codec frame) at a time: it keeps the undelivered rest of the last
 * block and hands it out in whatever chunk size the caller asks for.
 */
abstract class BlockDecodingStream implements AudioStream {
    protected final Path path;
    private float[] pending = new float[0];
    private int pendingPos;
    private int pendingLen;
    private boolean ended;
    protected long framesDelivered;

    protected BlockDecodingStream(Path path) {
        this.path = path;
    }

    /**
     * Decodes the next block into {@link #blockBuffer(int)} and returns its length in samples (frames × channels),
     * or -1 at the end of the stream. Zero-length blocks are allowed.
     */
    protected abstract int decodeNextBlock() throws IOException;

    /** Called once at the end of the stream, to check the frame count against what the header promised. */
    protected void checkComplete() throws IOException {
        long expected = info().frames();
        if (info().lengthKnown() && framesDelivered < expected) {
            throw fail("truncated: " + framesDelivered + " of " + expected + " frames present");
        }
    }

    protected final float[] blockBuffer(int samples) {
        if (pending.length < samples) {
            pending = new float[Math.max(samples, pending.length * 2)];
        }
        return pending;
    }

    protected final AudioFileException fail(String reason) {
        return new AudioFileException(path, reason);
    }

    protected final AudioFileException fail(String reason, Throwable cause) {
        return new AudioFileException(path, reason, cause);
    }

    @Override
    public final int read(float[] interleaved, int maxFrames) throws IOException {
        int channels = info().channels();
        while (pendingPos == pendingLen) {
            if (ended) {
                return -1;
            }
            int n = decodeNextBlock();
            if (n < 0) {
                ended = true;
                checkComplete();
                return -1;
            }
            pendingPos = 0;
            pendingLen = n;
        }
        int frames = Math.min(maxFrames, (pendingLen - pendingPos) / channels);
        int samples = frames * channels;
        System.arraycopy(pending, pendingPos, interleaved, 0, samples);
        pendingPos += samples;
        framesDelivered += frames;
        return frames;
    }
}
