package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * The discriminator set a {@link DiscriminatorConfig} lists, built kind by kind in the listed order (by default:
 * the wave scales, then the STFT discriminator). {@link #discriminate} returns one output per member, in order.
 */
public final class Discriminators extends NetworkBlock {
    private final List<Discriminator> members = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public Discriminators(DiscriminatorConfig config, int sampleRate, Constants constants) {
        DiscriminatorKind.Members sink = new DiscriminatorKind.Members() {
            @Override
            public <T extends NetworkBlock & Discriminator> void add(String name, T discriminator) {
                members.add(addChildBlock(name, discriminator));
                names.add(name);
            }
        };
        for (String kind : config.set()) {
            DiscriminatorKind.named(kind).build(config, sampleRate, constants, sink);
        }
    }

    public int count() {
        return members.size();
    }

    /** The STFT discriminator of the set. */
    public StftDiscriminator stft() {
        int i = names.indexOf("stft");
        if (i < 0) {
            throw new IllegalStateException("this set has no STFT discriminator: " + names);
        }
        return (StftDiscriminator) members.get(i);
    }

    public List<DiscriminatorOutput> discriminate(NDArray audio, boolean training) {
        List<DiscriminatorOutput> out = new ArrayList<>();
        for (Discriminator d : members) {
            out.add(d.discriminate(audio, training));
        }
        return out;
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).get(0).logits();
    }
}
