package io.github.soundstream.gan;

import io.github.soundstream.config.Limits;
import java.util.List;

/**
 * Sizes of the discriminators.
 *
 * @param waveScales   wave discriminators on the raw, ×2 and ×4 average-pooled waveform (3)
 * @param waveChannels channels of the first wave conv; later convs have 4×, 16×, 64×, 64×, 64× (16, the MelGAN stack)
 * @param stftChannels C of the STFT discriminator: C, 2C, 4C, 4C, 8C, 8C (32)
 * @param stftWindow   STFT window and FFT size (1024)
 * @param stftHop      STFT hop (256)
 * @param weightNorm   weight-normalise every discriminator conv
 * @param set          the kinds of discriminator to build, in order ({@link DiscriminatorKind}: wave, stft);
 *                     checkpoints record it, and those written before it existed read as the default
 */
public record DiscriminatorConfig(int waveScales, int waveChannels, int stftChannels, int stftWindow, int stftHop,
        boolean weightNorm, List<String> set) {

    /** The set of the SoundStream paper and the Python original. */
    public static final List<String> DEFAULT_SET = List.of("wave", "stft");

    public DiscriminatorConfig {
        String c = "discriminator config";
        Limits.require(c, "waveScales", waveScales, 0, 8);
        Limits.require(c, "waveChannels", waveChannels, 4, 1024);
        Limits.requireThat(c, waveChannels % 4 == 0, "waveChannels = " + waveChannels + ", must be a multiple of 4");
        Limits.require(c, "stftChannels", stftChannels, 1, 1024);
        Limits.require(c, "stftWindow", stftWindow, 64, 65536);
        Limits.requireThat(c, Integer.bitCount(stftWindow) == 1, "stftWindow = " + stftWindow
                + ", must be a power of two");
        Limits.require(c, "stftHop", stftHop, 1, stftWindow);
        set = List.copyOf(set);
        Limits.requireThat(c, !set.isEmpty(), "set is empty: name at least one discriminator");
        set.forEach(DiscriminatorKind::named);
    }

    /** The sizes of the Python original (19.7 M parameters). */
    public static DiscriminatorConfig standard() {
        return new DiscriminatorConfig(3, 16, 32, 1024, 256, false, DEFAULT_SET);
    }

    /** Half the channels of {@link #standard()} (about a quarter of its work): the demo run's size. */
    public static DiscriminatorConfig small() {
        return new DiscriminatorConfig(3, 8, 16, 1024, 256, false, DEFAULT_SET);
    }

    public static DiscriminatorConfig named(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "small" -> small();
            default -> throw new IllegalArgumentException("unknown discriminator size '" + name
                    + "' (standard, small)");
        };
    }

    /** A few thousand parameters, for tests and smoke runs. */
    public static DiscriminatorConfig tiny() {
        return new DiscriminatorConfig(3, 4, 4, 1024, 256, false, DEFAULT_SET);
    }

    public DiscriminatorConfig withSet(List<String> kinds) {
        return new DiscriminatorConfig(waveScales, waveChannels, stftChannels, stftWindow, stftHop, weightNorm, kinds);
    }

    public DiscriminatorConfig withWeightNorm(boolean on) {
        return new DiscriminatorConfig(waveScales, waveChannels, stftChannels, stftWindow, stftHop, on, set);
    }
}
