package io.github.soundstream.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * EnCodec's loss balancer: each loss's gradient with respect to the decoded audio is divided by a running average
 * of its norm and multiplied by its weight's share of all weights, so a weight says what fraction of the update a
 * loss gets, whatever its scale. Without it, a loss whose gradient is 100× larger (feature matching against the
 * mel loss, say) decides the update alone whatever the weights say.
 *
 * <p>scale_i = (w_i / Σw) · {@value #TOTAL_NORM} / (ε + n̄_i), where n̄_i is the bias-corrected exponential moving
 * average (decay {@value #DECAY}) of the per-clip norm of loss i's gradient, averaged over the batch (and over
 * replicas). The averages are training state: saved in checkpoints, so a resumed run continues them exactly.
 */
public final class LossBalancer {
    static final double DECAY = 0.999;
    static final double TOTAL_NORM = 1.0;
    private static final double EPSILON = 1e-12;

    /** Per loss: {Σ decay^k · n_k, Σ decay^k}. Sorted, so saved state reads back in one order. */
    private final Map<String, double[]> averages = new TreeMap<>();

    /**
     * Takes this step's gradient norms into the running averages and returns each loss's scale; {@code weights}
     * and {@code norms} name the same losses.
     */
    public Map<String, Double> scales(Map<String, Double> weights, Map<String, Double> norms) {
        if (!weights.keySet().equals(norms.keySet())) {
            throw new IllegalArgumentException("weights " + weights.keySet() + " and norms " + norms.keySet()
                    + " must name the same losses");
        }
        double totalWeight = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double[] a = averages.computeIfAbsent(e.getKey(), k -> new double[2]);
            a[0] = DECAY * a[0] + norms.get(e.getKey());
            a[1] = DECAY * a[1] + 1;
            double average = a[0] / a[1];
            out.put(e.getKey(), e.getValue() / totalWeight * TOTAL_NORM / (EPSILON + average));
        }
        return out;
    }

    /** The running average of loss {@code name}'s gradient norm, NaN before its first step. */
    public double averageNorm(String name) {
        double[] a = averages.get(name);
        return a == null ? Double.NaN : a[0] / a[1];
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(averages.size());
        for (Map.Entry<String, double[]> e : averages.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue()[0]);
            out.writeDouble(e.getValue()[1]);
        }
    }

    void load(DataInputStream in) throws IOException {
        averages.clear();
        int n = in.readInt();
        if (n < 0 || n > 64) {
            throw new IOException("loss balancer state holds " + n + " losses");
        }
        for (int i = 0; i < n; i++) {
            averages.put(in.readUTF(), new double[] {in.readDouble(), in.readDouble()});
        }
    }
}
