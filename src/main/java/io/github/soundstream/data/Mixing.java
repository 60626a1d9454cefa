package io.github.soundstream.data;

/** Stateless seed derivation: every random choice in training is a pure function of (seed, what, where). */
public final class Mixing {
    private Mixing() {
    }

    /** A well-mixed 64-bit value of the inputs (SplitMix64 finaliser chained over them). */
    public static long mix(long... values) {
        long h = 0x6A09E667F3BCC909L;
        for (long v : values) {
            long z = h + v + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            h = z ^ (z >>> 31);
        }
        return h;
    }
}
