package io.github.soundstream.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a valid file: bit flips, byte runs, truncations, and length or count fields inflated to
 * huge values (little- and big-endian, 16 and 32 bits) at header-like offsets. The same seed gives the same input.
 */
final class Mutator {
    private static final long[] HUGE = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 0xFFFFL, 0x7FFFL, 0x10000L};

    private Mutator() {
    }

    /** A mutation with its description, for reproducing a failure. */
    record Mutant(byte[] bytes, String how) {
    }

    static Mutant mutate(byte[] valid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = valid.clone();
        int kind = r.nextInt(4);
        switch (kind) {
            case 0 -> {
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = r.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return new Mutant(b, flips + " bit flips");
            }
            case 1 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte fill = switch (r.nextInt(3)) {
                    case 0 -> 0;
                    case 1 -> (byte) 0xFF;
                    default -> (byte) r.nextInt(256);
                };
                Arrays.fill(b, at, at + len, fill);
                return new Mutant(b, len + " bytes of " + (fill & 0xFF) + " at " + at);
            }
            case 2 -> {
                int keep = r.nextInt(b.length);
                return new Mutant(Arrays.copyOf(b, keep), "truncated to " + keep + " bytes");
            }
            default -> {
                // header fields live early in every format here; sometimes anywhere
                int span = r.nextBoolean() ? Math.min(b.length, 128) : b.length;
                int width = r.nextBoolean() ? 4 : 2;
                int at = r.nextInt(Math.max(1, span - width + 1));
                long v = HUGE[r.nextInt(HUGE.length)];
                boolean little = r.nextBoolean();
                for (int i = 0; i < width && at + i < b.length; i++) {
                    int shift = 8 * (little ? i : width - 1 - i);
                    b[at + i] = (byte) (v >>> shift);
                }
                return new Mutant(b, "field of " + width + " bytes at " + at + " set to 0x" + Long.toHexString(v)
                        + (little ? " LE" : " BE"));
            }
        }
    }
}
