package io.github.soundstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * AdamW (decoupled weight decay, as {@code torch.optim.AdamW}) on NDArrays, with its state keyed by parameter name
 * so it can be saved and restored exactly — DJL's own Adam keys its moments by per-process ids and cannot.
 *
 * <p>Per parameter p with gradient g at step t: p ← p·(1 − lr·λ); m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
 * p ← p − lr·(m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε). Updates run outside any gradient collector.
 */
public final class AdamW {
    private final Map<String, Parameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray[]> moments = new TreeMap<>();
    private long steps;

    /** @param parameters trainable parameters by unique name (iteration order is irrelevant: state is by name) */
    public AdamW(Map<String, Parameter> parameters, double beta1, double beta2, double epsilon, double weightDecay,
            NDManager stateManager) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.stateManager = stateManager;
    }

    /** The first and second moments of {@code name}, or null before its first step (tests compare them). */
    NDArray[] moments(String name) {
        return moments.get(name);
    }

    public long steps() {
        return steps;
    }

    /** One update with learning rate {@code lr} and the betas given at construction. */
    public void step(double lr, NDManager step) {
        step(lr, beta1, beta2, step);
    }

    /** One update with learning rate {@code lr} and these betas; temporaries live on {@code step}. */
    public void step(double lr, double beta1, double beta2, NDManager step) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray p = e.getValue().getArray();
            NDArray g = p.getGradient();
            g.attach(step);
            NDArray[] mv = moments.computeIfAbsent(e.getKey(), k -> new NDArray[] {
                zerosLike(p), zerosLike(p)});
            NDArray m = mv[0];
            NDArray v = mv[1];
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray denominator = local(v.div(c2), step).sqrt().addi(epsilon);
            NDArray update = local(m.div(c1), step).divi(denominator).muli(lr);
            p.muli(1 - lr * weightDecay).subi(update);
        }
    }

    private NDArray zerosLike(NDArray p) {
        return stateManager.zeros(p.getShape(), p.getDataType(), p.getDevice());
    }

    private static NDArray local(NDArray a, NDManager step) {
        a.attach(step);
        return a;
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(moments.size());
        for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
            out.writeUTF(e.getKey());
            for (NDArray a : e.getValue()) {
                byte[] bytes = a.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    public void load(DataInputStream in) throws IOException {
        steps = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > parameters.size()) {
            throw new IOException("optimizer state for " + n + " parameters; this model has " + parameters.size());
        }
        moments.clear();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            NDArray[] mv = new NDArray[2];
            for (int j = 0; j < 2; j++) {
                int length = in.readInt();
                if (length < 0 || length > 1 << 30) {
                    throw new IOException("optimizer state for '" + name + "' is " + length + " bytes long");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                mv[j] = NDArray.decode(stateManager, bytes);
            }
            Parameter p = parameters.get(name);
            if (p == null || !p.getArray().getShape().equals(mv[0].getShape())) {
                throw new IOException("optimizer state for '" + name + "' does not fit this model");
            }
            moments.put(name, mv);
        }
    }
}
