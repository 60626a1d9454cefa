package io.github.soundstream.model;

import io.github.soundstream.config.Limits;
import java.util.List;
import java.util.Locale;

/**
 * Shape of a SoundStream generator; immutable, serialised into every checkpoint.
 *
 * @param channels       C: encoder channels after the first conv (doubling at each block to 16·C)
 * @param embeddingDim   D: dimension of the frames the quantizer sees
 * @param strides        encoder strides (the decoder mirrors them); their product is the hop length
 * @param numQuantizers  N: residual quantizer layers (bitrate = N · log2(K) · frame rate)
 * @param codebookSize   K: codes per layer
 * @param sampleRate     audio rate in Hz
 * @param activation     "elu" (the original's) or "snake" (DAC's periodic activation)
 * @param upsampler      "balanced": each decoder upsampler's phases keep equal sums of taps, so a constant input
 *                       gives a constant output; "free" (the original's, and checkpoints written before this field):
 *                       independent phases, which imprint a fixed frame-periodic waveform, steady lines at
 *                       multiples of the frame rate, on everything decoded (docs/DESIGN.md)
 */
public record ModelConfig(int channels, int embeddingDim, List<Integer> strides, int numQuantizers,
        int codebookSize, int sampleRate, String activation, String upsampler) {

    public static final List<Integer> DEFAULT_STRIDES = List.of(2, 4, 5, 8);

    public ModelConfig {
        strides = List.copyOf(strides);
        String c = "model config";
        Limits.require(c, "channels", channels, 1, 1024);
        Limits.require(c, "embeddingDim", embeddingDim, 1, 8192);
        Limits.require(c, "numQuantizers", numQuantizers, 1, 64);
        Limits.require(c, "codebookSize", codebookSize, 2, 65536);
        Limits.require(c, "sampleRate", sampleRate, 1000, 384000);
        Limits.require(c, "number of strides", strides.size(), 1, 8);
        long hop = 1;
        for (int s : strides) {
            Limits.require(c, "stride", s, 1, 64);
            hop *= s;
        }
        Limits.require(c, "hop length (product of strides)", hop, 1, 0xFFFF);
        Limits.requireThat(c, "elu".equals(activation) || "snake".equals(activation), "activation = " + activation
                + ", must be elu or snake");
        Limits.requireThat(c, "balanced".equals(upsampler) || "free".equals(upsampler), "upsampler = " + upsampler
                + ", must be balanced or free");
    }

    /** With the original's ELU activations and balanced upsamplers. */
    public ModelConfig(int channels, int embeddingDim, List<Integer> strides, int numQuantizers, int codebookSize,
            int sampleRate) {
        this(channels, embeddingDim, strides, numQuantizers, codebookSize, sampleRate, "elu", "balanced");
    }

    /** This configuration with {@code activation} ("elu" or "snake"). */
    public ModelConfig withActivation(String activation) {
        return new ModelConfig(channels, embeddingDim, strides, numQuantizers, codebookSize, sampleRate, activation,
                upsampler);
    }

    /** This configuration with {@code upsampler} ("balanced" or "free"). */
    public ModelConfig withUpsampler(String upsampler) {
        return new ModelConfig(channels, embeddingDim, strides, numQuantizers, codebookSize, sampleRate, activation,
                upsampler);
    }

    public boolean balancedUpsamplers() {
        return "balanced".equals(upsampler);
    }

    public boolean snake() {
        return "snake".equals(activation);
    }

    /** C=16, D=256: 5.05 M parameters including codebooks. */
    public static ModelConfig tiny() {
        return new ModelConfig(16, 256, DEFAULT_STRIDES, 8, 1024, 24000);
    }

    /** C=16, D=512: 7.80 M parameters including codebooks. */
    public static ModelConfig small() {
        return new ModelConfig(16, 512, DEFAULT_STRIDES, 8, 1024, 24000);
    }

    /** C=32, D=512 (the default): 16.0 M parameters including codebooks. */
    public static ModelConfig base() {
        return new ModelConfig(32, 512, DEFAULT_STRIDES, 8, 1024, 24000);
    }

    public static ModelConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny();
            case "small" -> small();
            case "base" -> base();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (tiny, small, base)");
        };
    }

    /** Samples per frame: the product of the strides (320 by default). */
    public int hopLength() {
        return strides.stream().reduce(1, (a, b) -> a * b);
    }

    public double frameRate() {
        return sampleRate / (double) hopLength();
    }

    /** Bits per code, log2(K) rounded up. */
    public int bitsPerCode() {
        return 32 - Integer.numberOfLeadingZeros(codebookSize - 1);
    }

    /** Nominal bitrate in bits per second with {@code quantizers} layers. */
    public double bitrate(int quantizers) {
        return quantizers * bitsPerCode() * frameRate();
    }
}
