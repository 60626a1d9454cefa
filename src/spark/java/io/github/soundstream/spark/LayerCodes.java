package io.github.soundstream.spark;

import java.util.Arrays;
import java.util.function.Consumer;

/** Collects the encoder's packets ({@code [frame][layer]}) into one growing array per layer. */
final class LayerCodes implements Consumer<int[][]> {
    private final int[][] layers;
    private int frames;

    LayerCodes(int layers) {
        this.layers = new int[layers][256];
    }

    @Override
    public void accept(int[][] packet) {
        for (int[] frame : packet) {
            if (frames == layers[0].length) {
                for (int l = 0; l < layers.length; l++) {
                    layers[l] = Arrays.copyOf(layers[l], frames * 2);
                }
            }
            for (int l = 0; l < layers.length; l++) {
                layers[l][frames] = frame[l];
            }
            frames++;
        }
    }

    /** {@code [layer][frame]}. */
    int[][] toArray() {
        int[][] out = new int[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            out[l] = Arrays.copyOf(layers[l], frames);
        }
        return out;
    }

    /** {@code [layer][frame]} back to the packets' {@code [frame][layer]}. */
    static int[][] frames(int[][] layers) {
        int n = layers.length == 0 ? 0 : layers[0].length;
        int[][] out = new int[n][layers.length];
        for (int l = 0; l < layers.length; l++) {
            for (int f = 0; f < n; f++) {
                out[f][l] = layers[l][f];
            }
        }
        return out;
    }
}
