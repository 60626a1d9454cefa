package io.github.soundstream.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A decoder positioned in a file, handing out interleaved float frames in [-1, 1] a chunk at a time, so that an
 * hour-long recording never has to be held whole.
 *
 * <p>Readers check what they can as they go: a stream that ends before the frame count its header promised
 * throws {@link AudioFileException} ("truncated") rather than returning a short read and end-of-stream.
 */
public interface AudioStream extends Closeable {

    AudioInfo info();

    /**
     * Reads up to {@code maxFrames} frames into {@code interleaved} (at least {@code maxFrames × channels} long).
     *
     * @return frames read (≥ 1), or -1 at the end of the stream
     */
    int read(float[] interleaved, int maxFrames) throws IOException;

    @Override
    void close() throws IOException;
}
