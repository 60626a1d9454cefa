package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.Conv2dLayer;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import java.util.ArrayList;
import java.util.List;

/**
 * The SoundStream STFT discriminator on the complex spectrogram (real and imaginary parts as two channels), laid
 * out (time, frequency) with time and frequency strides as in the paper: frequency is reduced ×64 by stride 2 in
 * every block, time ×8 by stride 2 in every other block, and a last conv spanning the remaining frequency bins
 * leaves one logit per time step. (The Python original swapped the axes and averaged time away.)
 *
 * <p>Block: conv3×3 → LeakyReLU → conv (sₜ+2)×(s_f+2) with stride (sₜ, s_f) → LeakyReLU; each block's output is a
 * feature map.
 */
public final class StftDiscriminator extends NetworkBlock implements Discriminator {
    private static final int[] TIME_STRIDES = {1, 2, 1, 2, 1, 2};
    private static final int[] CHANNEL_MULTIPLIERS = {1, 2, 4, 4, 8, 8};

    private final int window;
    private final int hop;
    private final int sampleRate;
    private final Constants constants;
    private final Conv2dLayer input;
    private final List<Conv2dLayer[]> blocks = new ArrayList<>();
    private final Conv2dLayer logits;

    public StftDiscriminator(DiscriminatorConfig config, int sampleRate, Constants constants) {
        this.window = config.stftWindow();
        this.hop = config.stftHop();
        this.sampleRate = sampleRate;
        this.constants = constants;
        boolean wn = config.weightNorm();
        int c = config.stftChannels();
        this.input = addChildBlock("input", new Conv2dLayer(2, c, 7, 7, 1, 1, 3, 3, wn));
        int in = c;
        int freq = window / 2 + 1;
        for (int i = 0; i < TIME_STRIDES.length; i++) {
            int out = c * CHANNEL_MULTIPLIERS[i];
            int st = TIME_STRIDES[i];
            Conv2dLayer same = addChildBlock("block" + i + "a", new Conv2dLayer(in, in, 3, 3, 1, 1, 1, 1, wn));
            Conv2dLayer down = addChildBlock("block" + i + "b", new Conv2dLayer(in, out, st + 2, 4, st, 2, 1, 1, wn));
            blocks.add(new Conv2dLayer[] {same, down});
            freq = (freq + 2 - 4) / 2 + 1;
            in = out;
        }
        this.logits = addChildBlock("logits", new Conv2dLayer(in, 1, 1, freq, 1, 1, 0, 0, wn));
    }

    /** Shortest input accepted: half a second. */
    public int minimumSamples() {
        return sampleRate / 2;
    }

    @Override
    public DiscriminatorOutput discriminate(NDArray audio, boolean training) {
        long length = audio.getShape().get(2);
        if (length < minimumSamples()) {
            throw new IllegalArgumentException("the STFT discriminator needs at least 0.5 s of audio ("
                    + minimumSamples() + " samples at " + sampleRate + " Hz), got " + length
                    + " samples: use a longer --audio-length");
        }
        NDArray spec = ComplexStft.of(audio, window, hop, constants);
        NDArray h = spec.transpose(0, 3, 2, 1); // (B, F, frames, 2) → (B, 2, time, freq)
        h = Activation.leakyRelu(input.forward(h, training), 0.2f);
        List<NDArray> features = new ArrayList<>();
        for (Conv2dLayer[] block : blocks) {
            h = Activation.leakyRelu(block[0].forward(h, training), 0.2f);
            h = Activation.leakyRelu(block[1].forward(h, training), 0.2f);
            features.add(h);
        }
        NDArray out = logits.forward(h, training); // (B, 1, time', 1)
        return new DiscriminatorOutput(out.squeeze(3), features);
    }

    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        return discriminate(x, training).logits();
    }
}
