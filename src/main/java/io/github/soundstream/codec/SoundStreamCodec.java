package io.github.soundstream.codec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.engine.Denormals;
import io.github.soundstream.engine.InferenceScope;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The public entry point for applications: load a checkpoint (nothing else is needed: its configuration comes
 * with it), then encode and decode arrays, streams or files through {@link StreamingEncoder},
 * {@link StreamingDecoder} and {@link FileCodec}.
 */
public final class SoundStreamCodec implements AutoCloseable {
    private final NDManager manager;
    private final SoundStreamGenerator generator;
    private final int fingerprint;

    private SoundStreamCodec(NDManager manager, SoundStreamGenerator generator) {
        this.manager = manager;
        this.generator = generator;
        this.fingerprint = ModelFingerprint.of(generator);
    }

    /** Loads the generator of a training checkpoint. */
    public static SoundStreamCodec load(Path checkpoint) throws IOException {
        CheckpointMeta meta = CheckpointFile.readMeta(checkpoint);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        Denormals.flushToZero(); // before the first operator here: the intra-op threads inherit it
        try {
            SoundStreamGenerator g = new SoundStreamGenerator(meta.model());
            g.initialize(manager, DataType.FLOAT32);
            CheckpointFile.loadGenerator(checkpoint, g, manager);
            g.decoder().storeBalancedUpsamplers(); // this generator only decodes from now on
            return new SoundStreamCodec(manager, g);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Wraps a generator that is already initialised (tests, embedding applications); it is not closed here. */
    public static SoundStreamCodec of(SoundStreamGenerator generator, NDManager parent) {
        return new SoundStreamCodec(parent.newSubManager(), generator);
    }

    public ModelConfig config() {
        return generator.config();
    }

    public int fingerprint() {
        return fingerprint;
    }

    /** Layers for a bitrate in kbit/s; it must be one the model offers (n · bits · frame rate). */
    public int quantizersFor(double kbps) {
        ModelConfig c = config();
        double perLayer = c.bitsPerCode() * c.frameRate() / 1000;
        long n = Math.round(kbps / perLayer);
        if (n < 1 || n > c.numQuantizers() || Math.abs(n * perLayer - kbps) > 0.01 * kbps) {
            StringBuilder offered = new StringBuilder();
            for (int i = 1; i <= c.numQuantizers(); i++) {
                offered.append(i == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", i * perLayer));
            }
            throw new IllegalArgumentException("this model does not offer " + kbps + " kbit/s; it offers "
                    + offered + " kbit/s");
        }
        return (int) n;
    }

    /** A streaming encoder using the first {@code quantizers} layers; chunks of up to {@code chunkFrames} frames. */
    public StreamingEncoder encoder(int quantizers, int chunkFrames) {
        return new StreamingEncoder(generator, quantizers, chunkFrames, manager);
    }

    public StreamingDecoder decoder(int chunkFrames) {
        return new StreamingDecoder(generator, chunkFrames, manager);
    }

    /**
     * The network's reconstruction with the quantizer left out: the encoder's embedding straight into the decoder,
     * then the same DC blocker. Not a codec path (nothing here fits in bits): it shows what the encoder and decoder
     * keep at any bitrate, so an evaluation can tell what the bitrate costs from what the network loses. The whole
     * signal goes through at once: meant for clips, as eval takes them.
     */
    public float[] reconstructUnquantized(float[] audio) {
        try (InferenceScope noGrad = new InferenceScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(audio, new Shape(1, 1, audio.length));
            float[] y = Arrays.copyOf(generator.decoder().forward(generator.embed(x, false), false).toFloatArray(),
                    audio.length);
            new DcBlocker(config().sampleRate()).process(y);
            return y;
        }
    }

    /** The header a bitstream of {@code quantizers} layers from this model starts with. */
    public StreamHeader header(int quantizers, long length) {
        ModelConfig c = config();
        return new StreamHeader(c.sampleRate(), c.hopLength(), quantizers, c.bitsPerCode(), length, fingerprint);
    }

    @Override
    public void close() {
        manager.close();
    }
}
