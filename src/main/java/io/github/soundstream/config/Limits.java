package io.github.soundstream.config;

import java.util.Locale;

/**
 * Range checks for configuration records, with messages that name the field and the value given. Records call
 * these from compact constructors, where {@code this} still prints every field as zero; bounds are checked before
 * anything is allocated from a value (a checkpoint claiming 99,999,999 quantizers is refused, not an
 * OutOfMemoryError).
 */
public final class Limits {
    private Limits() {
    }

    public static void require(String config, String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("invalid " + config + ": " + field + " = " + value + ", must be "
                    + min + ".." + max);
        }
    }

    /** {@code min < value <= max} when {@code minExclusive}, else {@code min <= value <= max}; NaN never passes. */
    public static void require(String config, String field, double value, double min, boolean minExclusive,
            double max) {
        boolean ok = (minExclusive ? value > min : value >= min) && value <= max;
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid %s: %s = %s, must be %s %s..%s",
                    config, field, value, minExclusive ? "above" : "from", min, max));
        }
    }

    public static void requireThat(String config, boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + config + ": " + what);
        }
    }
}
