package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.github.soundstream.nn.Conv1dLayer;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * One scale of the MelGAN waveform discriminator: conv15, four grouped stride-4 conv41 (groups = in/4), conv5,
 * each followed by LeakyReLU(0.2) and kept as a feature map, then a conv3 to one logit channel.
 */
public final class WaveDiscriminator extends NetworkBlock implements Discriminator {
    private final List<Conv1dLayer> layers = new ArrayList<>();
    private final Conv1dLayer logits;
    private final int poolings;

    /** Judges the waveform average-pooled {@code poolings} times (AvgPool1d(4, 2, padding 1) each). */
    public WaveDiscriminator(int baseChannels, int poolings, boolean weightNorm) {
        this.poolings = poolings;
        int c = baseChannels;
        int[] channels = {c, 4 * c, 16 * c, 64 * c, 64 * c, 64 * c};
        layers.add(addChildBlock("conv0", Conv1dLayer.symmetric(1, channels[0], 15, 1, 7, 1, weightNorm)));
        for (int i = 1; i <= 4; i++) {
            layers.add(addChildBlock("conv" + i, Conv1dLayer.symmetric(channels[i - 1], channels[i], 41, 4, 20,
                    channels[i - 1] / 4, weightNorm)));
        }
        layers.add(addChildBlock("conv5", Conv1dLayer.symmetric(channels[4], channels[5], 5, 1, 2, 1, weightNorm)));
        this.logits = addChildBlock("logits", Conv1dLayer.symmetric(channels[5], 1, 3, 1, 1, 1, weightNorm));
    }

    @Override
    public DiscriminatorOutput discriminate(NDArray audio, boolean training) {
        NDArray h = audio;
        for (int i = 0; i < poolings; i++) {
            h = Pool.avgPool1d(h, new Shape(4), new Shape(2), new Shape(1), false, true);
        }
        return DiscriminatorOutput.through(layers, logits, h, 0.2f, training);
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).logits();
    }
}
