package io.github.soundstream.nn;

/**
 * SplitMix64: a small, fast generator. Training makes a fresh one for each step from the run's seed and the step
 * number, so a resumed run repeats exactly the random choices (quantizer dropout, k-means seeding, dead-code
 * replacement) that an uninterrupted one makes, with no generator state to checkpoint.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** {@code count} indices in [0, bound): without repetition when count ≤ bound, else with. */
    public long[] sample(int bound, int count) {
        long[] out = new long[count];
        if (count <= bound) {
            int[] pool = new int[bound];
            for (int i = 0; i < bound; i++) {
                pool[i] = i;
            }
            for (int i = 0; i < count; i++) {
                int j = i + nextInt(bound - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
                out[i] = pool[i];
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = nextInt(bound);
            }
        }
        return out;
    }
}
