package io.github.soundstream.data;

import io.github.soundstream.config.Limits;
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
        String c = "data config";
        Limits.require(c, "sampleRate", sampleRate, 1000, 384000);
        Limits.require(c, "clipSeconds", clipSeconds, 0, true, 3600);
        Limits.require(c, "batchSize", batchSize, 1, 4096);
        Limits.require(c, "workers", workers, 0, 256);
        Limits.require(c, "syntheticClips", syntheticClips, 1, 100_000_000);
        Limits.requireThat(c, (double) batchSize * clipSeconds * sampleRate < Integer.MAX_VALUE, "a batch of "
                + batchSize + " clips of " + clipSeconds + " s at " + sampleRate + " Hz exceeds 2^31 samples");
    }

    public int clipSamples() {
        return (int) Math.round(clipSeconds * sampleRate);
    }

    public boolean synthetic() {
        return audioDir == null;
    }
}
