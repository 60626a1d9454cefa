package io.github.soundstream.gan;

import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.NetworkBlock;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of discriminator a {@link DiscriminatorConfig#set()} may list, each building its members from the
 * configuration. Member names are the blocks' names in a checkpoint: they never change for an existing kind.
 */
public enum DiscriminatorKind {
    /** MelGAN's multi-scale wave discriminators: the waveform, then average-pooled ×2, ×4, ... */
    WAVE("wave") {
        @Override
        void build(DiscriminatorConfig c, int sampleRate, Constants constants, Members members) {
            for (int i = 0; i < c.waveScales(); i++) {
                members.add("wave" + i, new WaveDiscriminator(c.waveChannels(), i, c.weightNorm()));
            }
        }
    },
    /** The SoundStream paper's complex-STFT discriminator. */
    STFT("stft") {
        @Override
        void build(DiscriminatorConfig c, int sampleRate, Constants constants, Members members) {
            members.add("stft", new StftDiscriminator(c, sampleRate, constants));
        }
    },
    /** HiFi-GAN's multi-period discriminator (periods 2, 3, 5, 7, 11), base channels half the wave ones'. */
    MPD("mpd") {
        @Override
        void build(DiscriminatorConfig c, int sampleRate, Constants constants, Members members) {
            for (int p : PeriodDiscriminator.PERIODS) {
                members.add("period" + p, new PeriodDiscriminator(p, Math.max(2, c.waveChannels() / 2),
                        c.weightNorm()));
            }
        }
    },
    /** DAC's multi-band complex STFT discriminators (windows 2048, 1024, 512), C channels as the STFT one's. */
    MRD("mrd") {
        @Override
        void build(DiscriminatorConfig c, int sampleRate, Constants constants, Members members) {
            for (int w : MultiBandStftDiscriminator.WINDOWS) {
                members.add("mrd" + w, new MultiBandStftDiscriminator(w, c.stftChannels(), c.weightNorm(),
                        constants));
            }
        }
    };

    /** Receives the members a kind builds, in order. */
    interface Members {
        <T extends NetworkBlock & Discriminator> void add(String name, T discriminator);
    }

    private final String id;

    DiscriminatorKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    abstract void build(DiscriminatorConfig config, int sampleRate, Constants constants, Members members);

    public static DiscriminatorKind named(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown discriminator '" + id + "' (" + Arrays.stream(values())
                        .map(DiscriminatorKind::id).collect(Collectors.joining(", ")) + ")"));
    }
}
