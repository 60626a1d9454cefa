package io.github.soundstream.data;

import java.nio.file.Path;

/**
 * Where training audio comes from and how it is cut; immutable, saved in every checkpoint.
 *
 * @param audioDir        folder scanned recursively, or {@code null} for the embedded synthetic corpus
 * @param sampleRate      model rate in Hz
 * @param clipSeconds     length of each training clip
 * @param batchSize       clips per batch
 * @param workers         background threads decoding upcoming batches
 * @param syntheticClips  clips per epoch of the synthetic corpus
 */
public record DataConfig(Path audioDir, int sampleRate, double clipSeconds, int batchSize, int workers,
        int syntheticClips) {

    public DataConfig {
        if (sampleRate < 1000 || !(clipSeconds > 0) || batchSize < 1 || workers < 0 || syntheticClips < 1) {
            throw new IllegalArgumentException("invalid data config: " + this);
        }
    }

    public int clipSamples() {
        return (int) Math.round(clipSeconds * sampleRate);
    }

    public boolean synthetic() {
        return audioDir == null;
    }
}
