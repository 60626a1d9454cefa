package io.github.soundstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.soundstream.model.ResidualVectorQuantizer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The replicas of one run, one per device, in one process: the first is the primary. Each step every replica
 * computes the gradients of its share of the batch; they are averaged into the primary's, the primary's optimizers
 * step, and every other replica copies the primary's weights, codebooks and EMA statistics. So all replicas hold
 * identical state after each step, checkpoints are the primary's alone (today's format), and nothing waits on a
 * peer: a replica that fails fails the step in this thread.
 */
final class ReplicaGroup {
    private static final NDIndex ALL = new NDIndex("...");
    private final List<TrainingModels> replicas;

    ReplicaGroup(List<TrainingModels> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no replicas");
        }
        this.replicas = List.copyOf(replicas);
    }

    /** Refuses a batch that does not split into equal shares over {@code devices}, naming the nearest that do. */
    static void checkSplit(int clips, int devices) {
        if (devices > 1 && clips % devices != 0) {
            int lower = clips / devices * devices;
            int upper = lower + devices;
            throw new IllegalArgumentException("a batch of " + clips + " clips does not split evenly over " + devices
                    + " devices; nearest batch sizes that do: " + (lower > 0 ? lower + " or " : "") + upper);
        }
    }

    TrainingModels primary() {
        return replicas.get(0);
    }

    List<TrainingModels> all() {
        return replicas;
    }

    int size() {
        return replicas.size();
    }

    /**
     * The primary's gradients of {@code which} parameters become the mean over replicas: each replica's loss is
     * the mean over its equal share of the batch, so this is the gradient of the whole batch's mean loss.
     */
    void averageGradients(Function<TrainingModels, Map<String, Parameter>> which, NDManager step) {
        if (replicas.size() == 1) {
            return;
        }
        Map<String, Parameter> into = which.apply(primary());
        float share = 1f / replicas.size();
        for (var e : into.entrySet()) {
            NDArray sum = e.getValue().getArray().getGradient();
            sum.attach(step);
            for (int r = 1; r < replicas.size(); r++) {
                NDArray g = which.apply(replicas.get(r)).get(e.getKey()).getArray().getGradient();
                g.attach(step);
                NDArray here = g.toDevice(sum.getDevice(), false);
                here.attach(step);
                sum.addi(here);
            }
            sum.muli(share);
        }
    }

    /** Every other replica takes the primary's generator and discriminator state (weights, codebooks, EMA). */
    void broadcast() {
        for (int r = 1; r < replicas.size(); r++) {
            TrainingModels to = replicas.get(r);
            copy(primary().generator(), to.generator());
            copy(primary().discriminators(), to.discriminators());
            ResidualVectorQuantizer q = to.generator().quantizer();
            for (int i = 0; i < q.numLayers(); i++) {
                q.layer(i).codebookOverwritten();
            }
        }
    }

    private static void copy(Block from, Block to) {
        var target = to.getParameters();
        for (var e : from.getParameters()) {
            NDArray dst = target.get(e.getKey()).getArray();
            NDArray src = e.getValue().getArray();
            try (NDManager scope = dst.getManager().newSubManager()) {
                NDArray moved = src.toDevice(dst.getDevice(), true);
                moved.attach(scope);
                // a native copy: NDArray.copyTo and set(Buffer) make a CPU tensor alias the source's memory,
                // which is freed with it (docs/DESIGN.md)
                dst.set(ALL, moved);
            }
        }
    }
}
