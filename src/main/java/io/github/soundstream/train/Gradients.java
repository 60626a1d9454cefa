package io.github.soundstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Whole-model gradient operations, outside any gradient collector. */
final class Gradients {
    private Gradients() {
    }

    /** Global L2 norm over all gradients (non-finite if any gradient is). */
    static double norm(Collection<Parameter> parameters, NDManager step) {
        double sum = 0;
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            g.attach(step);
            sum += g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
        return Math.sqrt(sum);
    }

    /** Scales every gradient so the global norm is at most {@code max} (given the current norm). */
    static void clip(Collection<Parameter> parameters, double norm, double max, NDManager step) {
        if (norm > max) {
            float scale = (float) (max / (norm + 1e-6));
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.attach(step);
                g.muli(scale);
            }
        }
    }

    static void zero(Collection<Parameter> parameters, NDManager step) {
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            g.attach(step);
            g.set(new NDIndex(":"), 0f);
        }
    }

    static void setTrainable(Collection<Parameter> parameters, boolean on) {
        for (Parameter p : parameters) {
            p.getArray().setRequiresGradient(on);
        }
    }
}
