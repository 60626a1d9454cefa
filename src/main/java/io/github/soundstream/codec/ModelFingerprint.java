package io.github.soundstream.codec;

import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * 32 bits identifying the model a bitstream was made with: a CRC-32 over the configuration and every codebook's
 * float32 bytes. Codes are meaningless under other codebooks, so decoding checks it.
 */
public final class ModelFingerprint {
    private ModelFingerprint() {
    }

    public static int of(SoundStreamGenerator g) {
        CRC32 crc = new CRC32();
        ModelConfig c = g.config();
        crc.update((c.channels() + "/" + c.embeddingDim() + "/" + c.strides() + "/" + c.numQuantizers() + "/"
                + c.codebookSize() + "/" + c.sampleRate() + (c.snake() ? "/snake" : "")).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < g.quantizer().numLayers(); i++) {
            float[] book = g.quantizer().layer(i).codebook().toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(book.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(book);
            crc.update(b.array());
        }
        return (int) crc.getValue();
    }

    public static String hex(int fingerprint) {
        return String.format("%08x", fingerprint);
    }
}
