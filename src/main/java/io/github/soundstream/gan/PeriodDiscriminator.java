package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.nn.Conv2dLayer;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * HiFi-GAN's period discriminator (as in DAC): the waveform folded into columns of {@code period} samples (zero
 * padded to a whole number of them), then 2-D convolutions along time only, so each column phase is judged on its
 * own. A periodic structure the generator imprints, or fails to keep, shows at the period it repeats at.
 * Channels c, 4c, 16c, 32c, 32c from a base c.
 */
public final class PeriodDiscriminator extends NetworkBlock implements Discriminator {
    /** Periods of the set: primes, so the columns do not share their phases (HiFi-GAN's choice). */
    public static final int[] PERIODS = {2, 3, 5, 7, 11};

    private final int period;
    private final List<Conv2dLayer> layers = new ArrayList<>();
    private final Conv2dLayer logits;

    public PeriodDiscriminator(int period, int baseChannels, boolean weightNorm) {
        this.period = period;
        int c = baseChannels;
        int[] channels = {1, c, 4 * c, 16 * c, 32 * c};
        for (int i = 1; i < channels.length; i++) {
            layers.add(addChildBlock("conv" + i, new Conv2dLayer(channels[i - 1], channels[i], 5, 1, 3, 1, 2, 0,
                    weightNorm)));
        }
        layers.add(addChildBlock("conv5", new Conv2dLayer(32 * c, 32 * c, 5, 1, 1, 1, 2, 0, weightNorm)));
        this.logits = addChildBlock("logits", new Conv2dLayer(32 * c, 1, 3, 1, 1, 1, 1, 0, weightNorm));
    }

    @Override
    public DiscriminatorOutput discriminate(NDArray audio, boolean training) {
        Shape s = audio.getShape();
        long length = s.get(2);
        long pad = (period - length % period) % period;
        NDArray x = pad == 0 ? audio : NDArrays.concat(new NDList(audio, audio.getManager().zeros(new Shape(s.get(0),
                1, pad), audio.getDataType())), 2);
        NDArray folded = x.reshape(s.get(0), 1, (length + pad) / period, period);
        return DiscriminatorOutput.through(layers, logits, folded, 0.1f, training);
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).logits();
    }
}
