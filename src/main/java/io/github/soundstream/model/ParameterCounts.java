package io.github.soundstream.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Locale;

/**
 * Honest parameter counts, counted the way the Python original counts (trainable weights plus codebooks; the EMA
 * statistics are bookkeeping, not parameters).
 */
public record ParameterCounts(long encoder, long quantizerWeights, long codebooks, long decoder) {

    public static ParameterCounts of(SoundStreamGenerator g) {
        return new ParameterCounts(weights(g.encoder()), weights(g.quantizer()), codebooks(g.quantizer()),
                weights(g.decoder()));
    }

    public long total() {
        return encoder + quantizerWeights + codebooks + decoder;
    }

    /** Trainable weights of any block (for discriminators too). */
    public static long weights(Block block) {
        long n = 0;
        for (var e : block.getParameters()) {
            Parameter p = e.getValue();
            if (p.getType() != Parameter.Type.OTHER) {
                n += p.getShape().size();
            }
        }
        return n;
    }

    private static long codebooks(Block block) {
        long n = 0;
        for (var e : block.getParameters()) {
            if (e.getValue().getName().equals("codebook")) {
                n += e.getValue().getShape().size();
            }
        }
        return n;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%,d parameters: encoder %,d, decoder %,d, codebooks %,d", total(),
                encoder, decoder, codebooks);
    }
}
