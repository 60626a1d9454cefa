package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;

/**
 * Encoder → residual vector quantizer → decoder. Audio of any length is zero-padded on the right to a whole number
 * of frames and the output trimmed back, so {@code L} samples in give {@code L} samples out.
 */
public final class SoundStreamGenerator extends NetworkBlock {
    private final ModelConfig config;
    private final Encoder encoder;
    private final ResidualVectorQuantizer quantizer;
    private final Decoder decoder;

    /** Training forward pass result: reconstruction (B, 1, L) and the quantizer's output. */
    public record Output(NDArray audio, QuantizerOutput quantizer) {
    }

    public SoundStreamGenerator(ModelConfig config) {
        this(config, CodebookSettings.DEFAULT);
    }

    public SoundStreamGenerator(ModelConfig config, CodebookSettings codebooks) {
        this.config = config;
        this.encoder = addChildBlock("encoder", new Encoder(config));
        this.quantizer = addChildBlock("quantizer", new ResidualVectorQuantizer(config, codebooks));
        this.decoder = addChildBlock("decoder", new Decoder(config));
    }

    public ModelConfig config() {
        return config;
    }

    public Encoder encoder() {
        return encoder;
    }

    public ResidualVectorQuantizer quantizer() {
        return quantizer;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** Frames for {@code samples} samples: ceil(samples / hop). */
    public long frames(long samples) {
        return (samples + config.hopLength() - 1) / config.hopLength();
    }

    /** Encoder output (B, D, T) for audio (B, 1, L). */
    public NDArray embed(NDArray audio, boolean training) {
        return encoder.forward(padToFrames(audio), training);
    }

    /** Full pass with the first {@code n} quantizers; codebooks untouched (see {@link ResidualVectorQuantizer}). */
    public Output forward(NDArray audio, int n, boolean training, Constants constants) {
        long length = audio.getShape().get(2);
        QuantizerOutput q = quantizer.forward(embed(audio, training), n, training, constants);
        NDArray out = decoder.forward(q.quantized(), training);
        return new Output(trim(out, length), q);
    }

    /** Codes (B, n, T) for audio (B, 1, L); inference only, changes nothing. */
    public NDArray encode(NDArray audio, int n) {
        return quantizer.encode(embed(audio, false), n);
    }

    /** Audio (B, 1, length) from codes (B, n, T) of any prefix n; {@code length} ≤ T·hop trims the padding. */
    public NDArray decode(NDArray codes, long length) {
        return trim(decoder.forward(quantizer.decode(codes), false), length);
    }

    @Override
    public NDArray forward(NDArray audio, boolean training, StreamState state) {
        long length = audio.getShape().get(2);
        return decode(encode(audio, quantizer.numLayers()), length);
    }

    /**
     * Streaming encode of a chunk of whole frames (B, 1, m·hop) → codes (B, n, m), continuing from {@code state}.
     * Chunked encoding gives the codes whole-signal encoding gives.
     */
    public NDArray encodeChunk(NDArray chunk, int n, StreamState state) {
        long length = chunk.getShape().get(2);
        if (length % config.hopLength() != 0) {
            throw new IllegalArgumentException("a stream chunk must hold whole frames of " + config.hopLength()
                    + " samples, got " + length);
        }
        return quantizer.encode(encoder.forward(chunk, false, state), n);
    }

    /** Streaming decode of codes (B, n, m) → audio (B, 1, m·hop), continuing from {@code state}. */
    public NDArray decodeChunk(NDArray codes, StreamState state) {
        return decoder.forward(quantizer.decode(codes), false, state);
    }

    private NDArray padToFrames(NDArray audio) {
        Shape s = audio.getShape();
        long length = s.get(2);
        long pad = frames(length) * config.hopLength() - length;
        if (pad == 0) {
            return audio;
        }
        return NDArrays.concat(new NDList(audio, audio.getManager().zeros(new Shape(s.get(0), s.get(1), pad),
                audio.getDataType())), 2);
    }

    private static NDArray trim(NDArray audio, long length) {
        long have = audio.getShape().get(2);
        if (length > have) {
            throw new IllegalArgumentException("cannot trim " + have + " samples to " + length);
        }
        return length == have ? audio : audio.get(":, :, :" + length);
    }
}
