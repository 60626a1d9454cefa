package io.github.soundstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each loss's gradient with respect to the decoded audio, for the {@link LossBalancer}: DJL has no
 * {@code autograd.grad}, so the losses are taken on a detached leaf copy of the audio and their backward passes run
 * one by one into that leaf (the graph kept between them: adversarial loss and feature matching share the
 * discriminators' pass), reading and clearing its gradient after each. The generator's own graph is not touched.
 */
final class AudioGradients {
    private AudioGradients() {
    }

    /** A leaf sharing {@code audio}'s values, outside its graph, that collects gradients. */
    static NDArray leaf(NDArray audio) {
        NDArray leaf = audio.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /** ∂term/∂leaf for each named scalar term computed from {@code leaf}, in the terms' order. */
    static Map<String, NDArray> of(Map<String, NDArray> terms, NDArray leaf) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, NDArray>> it = terms.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, NDArray> t = it.next();
            NDArray term = t.getValue();
            JniUtils.backward((PtNDArray) term, (PtNDArray) term.onesLike(), it.hasNext(), false);
            NDArray grad = leaf.getGradient();
            grad.attach(leaf.getManager());
            out.put(t.getKey(), grad.duplicate());
            grad.set(new NDIndex(":"), 0f);
        }
        return out;
    }

    /** The norm of each clip's gradient ((B, 1, L): over channel and time), averaged over the batch, in float64. */
    static double meanClipNorm(NDArray grad) {
        return grad.toType(DataType.FLOAT64, true).square().sum(new int[] {1, 2}).sqrt().mean().getDouble();
    }

    /** Σ scale_i · gradient_i. Outside autograd: the gradients are plain arrays, the result a constant. */
    static NDArray combine(Map<String, NDArray> gradients, Map<String, Double> scales) {
        NDArray sum = null;
        for (Map.Entry<String, NDArray> g : gradients.entrySet()) {
            NDArray scaled = g.getValue().mul(scales.get(g.getKey()).floatValue());
            sum = sum == null ? scaled : sum.add(scaled);
        }
        return sum;
    }
}
