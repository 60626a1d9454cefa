package io.github.soundstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.engine.EngineSetup;
import org.junit.jupiter.api.Test;

/** The polyphase form against a plain loop of a transposed convolution (kernel 2s, stride s), in float64. */
class CausalUpsampleTest {
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void matchesATransposedConvolutionWithItsTailCut(boolean balanced) {
        EngineSetup.configure(1);
        int cin = 3;
        int cout = 2;
        int s = 5;
        int frames = 7;
        try (NDManager m = NDManager.newBaseManager()) {
            CausalUpsample up = new CausalUpsample(cin, cout, s, balanced);
            up.initialize(m, DataType.FLOAT64);
            for (var p : up.getParameters()) { // phases apart, as training leaves them
                p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape(), DataType.FLOAT64));
            }
            NDArray x = m.randomNormal(new Shape(1, cin, frames), DataType.FLOAT64);
            double[] y = up.forward(x, false).toDoubleArray();
            double[] v = null;
            double[] bias = null;
            for (var p : up.getParameters()) {
                if (p.getValue().getName().equals("weight")) {
                    v = p.getValue().getArray().toDoubleArray();
                } else {
                    bias = p.getValue().getArray().toDoubleArray();
                }
            }
            if (balanced) { // each phase's two taps shifted alike, so that all phases sum to their mean
                for (int co = 0; co < cout; co++) {
                    for (int ci = 0; ci < cin; ci++) {
                        double mean = 0;
                        for (int j = 0; j < s; j++) {
                            int base = ((co * s + j) * cin + ci) * 2;
                            mean += (v[base] + v[base + 1]) / s;
                        }
                        for (int j = 0; j < s; j++) {
                            int base = ((co * s + j) * cin + ci) * 2;
                            double shift = (v[base] + v[base + 1] - mean) / 2;
                            v[base] -= shift;
                            v[base + 1] -= shift;
                        }
                    }
                }
            }
            // W[ci][co][k] of the transposed conv, from V[co·s + j][ci][tap]: tap 1 → k = j, tap 0 → k = j + s
            double[][][] w = new double[cin][cout][2 * s];
            for (int co = 0; co < cout; co++) {
                for (int j = 0; j < s; j++) {
                    for (int ci = 0; ci < cin; ci++) {
                        int base = ((co * s + j) * cin + ci) * 2;
                        w[ci][co][j] = v[base + 1];
                        w[ci][co][j + s] = v[base];
                    }
                }
            }
            double[] xv = x.toDoubleArray();
            double[][] ref = new double[cout][(frames + 1) * s];
            for (int co = 0; co < cout; co++) {
                for (int t = 0; t < frames; t++) {
                    for (int k = 0; k < 2 * s; k++) {
                        for (int ci = 0; ci < cin; ci++) {
                            ref[co][t * s + k] += w[ci][co][k] * xv[ci * frames + t];
                        }
                    }
                }
            }
            assertEquals(cout * frames * s, y.length, "exactly T·s samples");
            for (int co = 0; co < cout; co++) {
                for (int n = 0; n < frames * s; n++) {
                    assertEquals(ref[co][n] + bias[co], y[co * frames * s + n], 1e-12, "channel " + co + " n " + n);
                }
            }
        }
    }

    /**
     * The decoder's upsamplers start with one kernel for all phases: a fresh model adds no comb of steady lines to
     * audio that has none. Drawn independently per phase (how they started before, and where training moves them),
     * the original's free upsamplers add lines at multiples of their input rates, and balanced ones do not.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"free", "balanced"})
    void independentPhasesAddACombOnlyWhenFree(String upsampler) {
        EngineSetup.configure(2);
        ModelConfig config = new ModelConfig(8, 32, ModelConfig.DEFAULT_STRIDES, 2, 64, 24000).withUpsampler(upsampler);
        float[] clip = io.github.soundstream.audio.synth.Soundscape.generate(5, 24000, 3 * 24000);
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(11);
            SoundStreamGenerator g = new SoundStreamGenerator(config);
            g.initialize(m, DataType.FLOAT32);
            io.github.soundstream.nn.Constants c = new io.github.soundstream.nn.Constants(m);
            int shared = steadyLines(g, clip, m, c);
            java.util.List<NDArray> weights = new java.util.ArrayList<>();
            collectUpsamplerWeights(g.decoder(), weights);
            assertEquals(4, weights.size(), "one upsampler per decoder stage");
            for (NDArray w : weights) {
                float bound = (float) Math.sqrt(3.0 * w.square().mean().getFloat()); // the same scale, new draws
                m.randomUniform(-bound, bound, w.getShape()).copyTo(w);
            }
            int independent = steadyLines(g, clip, m, c);
            boolean free = upsampler.equals("free");
            org.junit.jupiter.api.Assertions.assertTrue(shared <= 2 && (free ? independent >= 8 : independent <= 2),
                    upsampler + " upsamplers, steady lines: " + shared + " with one kernel per upsampler, "
                            + independent + " with independent phases");
        }
    }

    private static int steadyLines(SoundStreamGenerator g, float[] clip, NDManager m,
            io.github.soundstream.nn.Constants c) {
        try (NDManager sm = m.newSubManager()) {
            NDArray x = sm.create(clip, new Shape(1, 1, clip.length));
            float[] y = g.forward(x, 2, false, c).audio().toFloatArray();
            return io.github.soundstream.metrics.TonalPeaks.steadyLines(clip, java.util.Arrays.copyOf(y, clip.length),
                    24000);
        }
    }

    private static void collectUpsamplerWeights(ai.djl.nn.Block block, java.util.List<NDArray> out) {
        if (block instanceof CausalUpsample) {
            out.add(block.getParameters().get("weight").getArray());
        }
        for (ai.djl.nn.Block child : block.getChildren().values()) {
            collectUpsamplerWeights(child, out);
        }
    }
}