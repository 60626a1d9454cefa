package io.github.soundstream.nn;

import ai.djl.nn.Block;
import io.github.soundstream.engine.ConvGeometry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A block that computes one convolution; lets the start-up self-check test exactly the layers being trained. */
public interface Convolution {
    ConvGeometry geometry();

    /** The distinct convolution shapes inside {@code roots}, in the order a depth-first walk meets them. */
    static List<ConvGeometry> census(Block... roots) {
        Set<ConvGeometry> found = new LinkedHashSet<>();
        for (Block root : roots) {
            collect(root, found);
        }
        return new ArrayList<>(found);
    }

    private static void collect(Block block, Set<ConvGeometry> found) {
        if (block instanceof Convolution conv) {
            found.add(conv.geometry());
        }
        for (Block child : block.getChildren().values()) {
            collect(child, found);
        }
    }
}
