package io.github.soundstream.model;

import io.github.soundstream.config.Limits;

/**
 * How codebooks learn.
 *
 * @param decay              EMA decay of counts and sums (0.99)
 * @param epsilon            Laplace smoothing of counts, used for the division only (1e-5)
 * @param deadCodeThreshold  a code whose EMA count (uses per {@link #REFERENCE_FRAMES} frames) falls below this is
 *                           replaced by a random encoder frame of the batch (2)
 * @param kmeansIterations   Lloyd iterations of the k-means initialisation (10)
 */
public record CodebookSettings(double decay, double epsilon, double deadCodeThreshold, int kmeansIterations) {
    /**
     * Frames that EMA counts are expressed per: EnCodec's batch (64 one-second clips at 75 frames/s), the batch size
     * its threshold of 2 was tuned for; 2 in 4,800 frames is 0.43 of a uniform share of 1,024 codes.
     */
    public static final double REFERENCE_FRAMES = 4800;

    public static final CodebookSettings DEFAULT = new CodebookSettings(0.99, 1e-5, 2.0, 10);

    public CodebookSettings {
        String c = "codebook settings";
        Limits.requireThat(c, decay > 0 && decay < 1, "decay = " + decay + ", must be between 0 and 1");
        Limits.require(c, "epsilon", epsilon, 0, true, 1);
        Limits.require(c, "deadCodeThreshold", deadCodeThreshold, 0, false, 1e9);
        Limits.require(c, "kmeansIterations", kmeansIterations, 0, 10_000);
    }
}
