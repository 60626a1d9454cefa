package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.soundstream.nn.Initializers;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.StreamState;
import io.github.soundstream.nn.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One codebook of K vectors of dimension D, learned by exponential moving averages rather than gradients.
 *
 * <p>State (saved with the model): {@code codebook} (K, D), {@code ema_count} (K), {@code ema_sum} (K, D) and
 * {@code initialized}. Lookups ({@link #nearest}) never change state. Learning happens in three explicit steps that
 * the caller runs outside any gradient collector: {@link #initializeFromData} (k-means, once), then per training
 * step {@link #updateFromBatch} (EMA with Laplace-smoothed counts, then dead-code replacement).
 */
public final class VectorQuantizer extends NetworkBlock {
    private final int size;
    private final int dim;
    private final CodebookSettings settings;
    private final Parameter codebook;
    private final Parameter emaCount;
    private final Parameter emaSum;
    private final Parameter initialized;
    /** ‖e‖² (K) and Eᵀ (D, K) of the codebook array they were computed from; recomputed when it changes. */
    private NDArray cachedNorms;
    private NDArray cachedTranspose;
    private NDArray cachedFor;
    private long cachedVersion = -1;
    private long version;

    public VectorQuantizer(int size, int dim, CodebookSettings settings) {
        this.size = size;
        this.dim = dim;
        this.settings = settings;
        this.codebook = addParameter(buffer("codebook", new Shape(size, dim), Initializers.uniform(1.0 / size)));
        this.emaCount = addParameter(buffer("ema_count", new Shape(size), Initializers.zeros()));
        this.emaSum = addParameter(buffer("ema_sum", new Shape(size, dim), Initializers.zeros()));
        this.initialized = addParameter(buffer("initialized", new Shape(1), Initializers.zeros()));
    }

    private static Parameter buffer(String name, Shape shape, ai.djl.training.initializer.Initializer init) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape).optInitializer(init)
                .optRequiresGrad(false).build();
    }

    public int size() {
        return size;
    }

    public NDArray codebook() {
        return codebook.getArray();
    }

    public boolean hasLearnedCodebook() {
        return initialized.getArray().getFloat(0) > 0.5f;
    }

    /** Index of the nearest code (squared Euclidean; ties to the lowest index) for each row of (N, D) frames. */
    public NDArray nearest(NDArray frames) {
        NDArray book = codebook.getArray();
        if (book != cachedFor || version != cachedVersion) {
            // streaming encodes call this once per frame: ‖e‖² and Eᵀ would otherwise be recomputed every time
            if (cachedNorms != null) {
                cachedNorms.close();
                cachedTranspose.close();
            }
            cachedNorms = book.square().sum(new int[] {1});
            cachedTranspose = book.transpose().duplicate();
            cachedFor = book;
            cachedVersion = version;
        }
        NDArray x = frames.stopGradient();
        NDArray dots = x.matMul(cachedTranspose); // (N, K)
        return local(cachedNorms.sub(dots.add(dots)), x).argMin(1);
    }

    private static NDArray nearest(NDArray frames, NDArray codes) {
        NDArray x = frames.stopGradient();
        NDArray codeNorms = local(codes.square(), x).sum(new int[] {1}); // (K)
        NDArray dots = x.matMul(local(codes.transpose(), x)); // (N, K)
        return codeNorms.sub(dots.add(dots)).argMin(1); // ‖e‖² − 2x·e, the same argmin as ‖x − e‖²
    }

    /** The code vectors of (N) indices, as (N, D) on the indices' manager. */
    public NDArray lookup(NDArray indices) {
        return local(codebook.getArray().get(new NDIndex("{}", indices)), indices);
    }

    /** Forward for DJL's Block API: (B, D, T) → quantized (B, D, T). */
    @Override
    public NDArray forward(NDArray x, boolean training, StreamState state) {
        Shape s = x.getShape();
        NDArray flat = x.transpose(0, 2, 1).reshape(-1, s.get(1));
        return lookup(nearest(flat)).reshape(s.get(0), s.get(2), s.get(1)).transpose(0, 2, 1);
    }

    /**
     * k-means on (N, D) frames: k-means++ seeding (all frames when N ≤ K, topped up with random repeats), then
     * Lloyd iterations; clusters left empty keep their seed. EMA state starts from the result, every count at
     * least the dead-code threshold so no code is replaced before it had a batch to prove itself.
     */
    public void initializeFromData(NDArray frames, SeededRandom rng) {
        NDArray x = frames.stopGradient();
        NDArray centroids = x.get(new NDIndex("{}", x.getManager().create(seed(x, rng))));
        NDArray counts = null;
        for (int it = 0; it < Math.max(1, settings.kmeansIterations()); it++) {
            NDArray onehot = nearest(x, centroids).oneHot(size, x.getDataType());
            counts = onehot.sum(new int[] {0});
            NDArray sums = onehot.transpose().matMul(x);
            NDArray means = sums.div(counts.maximum(1f).reshape(size, 1));
            NDArray empty = counts.eq(0f).reshape(size, 1).broadcast(centroids.getShape());
            centroids = NDArrays.where(empty, centroids, means);
        }
        version++;
        codebook.getArray().set(new NDIndex(":"), centroids);
        NDArray startCounts = counts.maximum((float) settings.deadCodeThreshold());
        emaCount.getArray().set(new NDIndex(":"), startCounts);
        emaSum.getArray().set(new NDIndex(":"), centroids.mul(startCounts.reshape(size, 1)));
        initialized.getArray().set(new NDIndex(":"), 1f);
    }

    private long[] seed(NDArray x, SeededRandom rng) {
        int n = (int) x.getShape().get(0);
        if (n <= size) {
            long[] picks = new long[size];
            for (int i = 0; i < size; i++) {
                picks[i] = i < n ? i : rng.nextInt(n);
            }
            return picks;
        }
        // k-means++: each next seed drawn with probability proportional to its squared distance to the nearest seed
        long[] picks = new long[size];
        picks[0] = rng.nextInt(n);
        NDArray best = null;
        for (int k = 1; k < size; k++) {
            NDArray last = x.get(new NDIndex("{}", x.getManager().create(new long[] {picks[k - 1]})));
            NDArray d = x.sub(last).square().sum(new int[] {1});
            best = best == null ? d : best.minimum(d);
            float[] w = best.toFloatArray();
            double total = 0;
            for (float v : w) {
                total += v;
            }
            double r = rng.nextDouble() * total;
            int chosen = rng.nextInt(n);
            if (total > 0) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += w[i];
                    if (acc >= r && w[i] > 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            picks[k] = chosen;
        }
        return picks;
    }

    /**
     * One training step's codebook learning from the batch's frames (N, D) and their codes (N): EMA of counts and
     * sums, codebook = sums / Laplace-smoothed counts (the smoothing is not written back), then every code whose
     * EMA count is below the threshold is replaced by a random frame of this batch.
     *
     * @return the number of codes replaced
     */
    public int updateFromBatch(NDArray frames, NDArray codes, SeededRandom rng) {
        NDArray x = frames.stopGradient();
        NDManager m = x.getManager();
        double decay = settings.decay();
        NDArray onehot = codes.oneHot(size, x.getDataType());
        emaCount.getArray().muli(decay).addi(onehot.sum(new int[] {0}).muli(1 - decay));
        emaSum.getArray().muli(decay).addi(onehot.transpose().matMul(x).muli(1 - decay));
        NDArray count = local(emaCount.getArray().duplicate(), x);
        NDArray total = count.sum();
        NDArray smoothed = count.add(settings.epsilon()).div(total.add(size * settings.epsilon())).mul(total);
        version++;
        codebook.getArray().set(new NDIndex(":"), local(emaSum.getArray().duplicate(), x)
                .div(smoothed.reshape(size, 1)));
        return replaceDeadCodes(x, m, rng);
    }

    private int replaceDeadCodes(NDArray x, NDManager m, SeededRandom rng) {
        float[] counts = emaCount.getArray().toFloatArray();
        List<Long> dead = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < settings.deadCodeThreshold()) {
                dead.add((long) k);
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        long[] deadCodes = dead.stream().mapToLong(Long::longValue).toArray();
        long[] frames = rng.sample((int) x.getShape().get(0), deadCodes.length);
        NDArray replacement = x.get(new NDIndex("{}", m.create(frames)));
        NDIndex where = new NDIndex("{}", m.create(deadCodes));
        float threshold = (float) settings.deadCodeThreshold();
        version++;
        codebook.getArray().set(where, replacement);
        emaSum.getArray().set(where, replacement.mul(threshold));
        emaCount.getArray().set(where, m.full(new Shape(deadCodes.length), threshold));
        return deadCodes.length;
    }

    /** Codes in use among (N) indices, for telemetry. */
    public static int distinct(NDArray codes) {
        long[] c = codes.toLongArray();
        return (int) java.util.Arrays.stream(c).distinct().count();
    }
}
