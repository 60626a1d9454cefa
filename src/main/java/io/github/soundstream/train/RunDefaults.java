package io.github.soundstream.train;

import io.github.soundstream.config.TrainingConfig;

/**
 * What a {@code train} run uses where the command line is silent: the demo run (no {@code --audio-dir}: the tiny
 * model on the embedded corpus, small enough for a first look on a laptop) or a full run (the Python original's
 * settings). Benchmarks take the same sizes, so their figures describe the runs users start.
 *
 * @param preset          model preset
 * @param discriminators  discriminator size (standard, small)
 * @param epochs          epoch limit, or null for none
 */
public record RunDefaults(String preset, String discriminators, int batchSize, double clipSeconds, long maxSteps,
        long discWarmupSteps, long saveInterval, long sampleInterval, Integer epochs) {

    /** The demo: tiny model, small discriminators, batch 4 × 1 s, 200 steps of which 160 warm-up. */
    public static RunDefaults demo() {
        return new RunDefaults("tiny", "small", 4, 1.0, 200, 160, 100, 100, null);
    }

    /** The original's: base model, standard discriminators, batch 8 × 2 s, warm-up and saves every 5,000 steps. */
    public static RunDefaults full() {
        TrainingConfig t = TrainingConfig.builder().build();
        return new RunDefaults("base", "standard", 8, 2.0, t.maxSteps(), t.discWarmupSteps(), t.saveInterval(),
                t.sampleInterval(), 1000);
    }

    /** Batch and clip sizes a benchmark of {@code preset} uses: the full run's for base, the demo's otherwise. */
    public static RunDefaults forBenchmark(String preset) {
        return preset.equals("base") ? full() : demo();
    }
}
