package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.Conv2dLayer;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * DAC's multi-band complex STFT discriminator at one window size (hop window/4): the complex spectrogram, laid
 * out (B, 2, time, frequency), is cut into five frequency bands (0–10, 10–25, 25–50, 50–75, 75–100 % of the bins)
 * and each band goes through a conv stack of its own, so the weights that judge a 5 kHz whistle are not the ones
 * that judge the rumble under it. The bands' outputs meet again, along frequency, in one last conv.
 *
 * <p>Band stack: conv 3×9 → three convs 3×9 with frequency stride 2 → conv 3×3, each followed by LeakyReLU(0.1),
 * C channels throughout; every map is a feature map. Logits: conv 3×3 to one channel over (time, bands' bins).
 */
public final class MultiBandStftDiscriminator extends NetworkBlock implements Discriminator {
    /** DAC's window sizes: one member per size. */
    public static final int[] WINDOWS = {2048, 1024, 512};
    private static final double[] BAND_EDGES = {0.0, 0.1, 0.25, 0.5, 0.75, 1.0};
    private static final float SLOPE = 0.1f;

    private final int window;
    private final Constants constants;
    private final int[][] bands;
    private final List<List<Conv2dLayer>> bandStacks = new ArrayList<>();
    private final Conv2dLayer logits;

    public MultiBandStftDiscriminator(int window, int channels, boolean weightNorm, Constants constants) {
        this.window = window;
        this.constants = constants;
        this.bands = bandBins(window / 2 + 1);
        for (int b = 0; b < bands.length; b++) {
            List<Conv2dLayer> stack = new ArrayList<>();
            stack.add(addChildBlock("band" + b + "conv0", new Conv2dLayer(2, channels, 3, 9, 1, 1, 1, 4,
                    weightNorm)));
            for (int i = 1; i <= 3; i++) {
                stack.add(addChildBlock("band" + b + "conv" + i, new Conv2dLayer(channels, channels, 3, 9, 1, 2, 1,
                        4, weightNorm)));
            }
            stack.add(addChildBlock("band" + b + "conv4", new Conv2dLayer(channels, channels, 3, 3, 1, 1, 1, 1,
                    weightNorm)));
            bandStacks.add(stack);
        }
        this.logits = addChildBlock("logits", new Conv2dLayer(channels, 1, 3, 3, 1, 1, 1, 1, weightNorm));
    }

    /** [start, end) bins of each band among {@code bins}, as DAC rounds them (down). */
    static int[][] bandBins(int bins) {
        int[][] out = new int[BAND_EDGES.length - 1][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[] {(int) (BAND_EDGES[i] * bins), (int) (BAND_EDGES[i + 1] * bins)};
        }
        return out;
    }

    @Override
    public DiscriminatorOutput discriminate(NDArray audio, boolean training) {
        NDArray spec = ComplexStft.of(audio, window, window / 4, constants).transpose(0, 3, 2, 1); // (B, 2, T, F)
        List<NDArray> features = new ArrayList<>();
        NDList bandOutputs = new NDList();
        for (int b = 0; b < bands.length; b++) {
            NDArray h = spec.get(":, :, :, " + bands[b][0] + ":" + bands[b][1]);
            for (Conv2dLayer conv : bandStacks.get(b)) {
                h = Activation.leakyRelu(conv.forward(h, training), SLOPE);
                features.add(h);
            }
            bandOutputs.add(h);
        }
        return new DiscriminatorOutput(logits.forward(NDArrays.concat(bandOutputs, 3), training), features);
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).logits();
    }
}
