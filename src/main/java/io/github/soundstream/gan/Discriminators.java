package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * All discriminators together: the multi-scale wave discriminator (raw, then average-pooled ×2 and ×4 with
 * AvgPool1d(4, 2, padding 1)) and the STFT discriminator. {@link #discriminate} returns one output per
 * discriminator, wave scales first.
 */
public final class Discriminators extends NetworkBlock {
    private final List<WaveDiscriminator> waves = new ArrayList<>();
    private final StftDiscriminator stft;

    public Discriminators(DiscriminatorConfig config, int sampleRate, Constants constants) {
        for (int i = 0; i < config.waveScales(); i++) {
            waves.add(addChildBlock("wave" + i, new WaveDiscriminator(config.waveChannels(), config.weightNorm())));
        }
        this.stft = addChildBlock("stft", new StftDiscriminator(config, sampleRate, constants));
    }

    public int count() {
        return waves.size() + 1;
    }

    public StftDiscriminator stft() {
        return stft;
    }

    public List<DiscriminatorOutput> discriminate(NDArray audio, boolean training) {
        List<DiscriminatorOutput> out = new ArrayList<>();
        NDArray x = audio;
        for (int i = 0; i < waves.size(); i++) {
            if (i > 0) {
                x = Pool.avgPool1d(x, new Shape(4), new Shape(2), new Shape(1), false, true);
            }
            out.add(waves.get(i).discriminate(x, training));
        }
        out.add(stft.discriminate(audio, training));
        return out;
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).get(0).logits();
    }
}
