package io.github.soundstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.soundstream.nn.Initializers;
import io.github.soundstream.nn.NetworkBlock;
import io.github.soundstream.nn.SeededRandom;
import io.github.soundstream.nn.StreamState;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One codebook of K vectors of dimension D, learned by exponential moving averages rather than gradients.
 *
 * <p>State (saved with the model): {@code codebook} (K, D), {@code ema_count} (K), {@code ema_sum} (K, D) and
 * {@code initialized}. Lookups ({@link #nearest}) never change state. Learning happens in three explicit steps that
 * the caller runs outside any gradient collector: {@link #initializeFromData} (k-means, once), then per training
 * step {@link #updateFromBatch} (EMA with Laplace-smoothed counts, then dead-code replacement).
 *
 * <p>EMA counts are kept in uses per {@link CodebookSettings#REFERENCE_FRAMES} frames rather than per batch, so the
 * dead-code threshold means the same usage rate whatever the batch size: codes = sums / counts is unchanged by the
 * scale, but a count of 2 per batch would declare nearly every code dead at every step of a 300-frame batch.
 */
public final class VectorQuantizer extends NetworkBlock {
    /** Steps a new or replaced code survives without being picked. */
    static final int GRACE_STEPS = 10;

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

    /** Tells the layer its codebook was overwritten in place (a replica receiving the primary's), so caches go. */
    public void codebookOverwritten() {
        synchronized (this) {
            version++;
        }
    }

    public NDArray codebook() {
        return codebook.getArray();
    }

    public boolean hasLearnedCodebook() {
        return initialized.getArray().getFloat(0) > 0.5f;
    }

    /** Index of the nearest code (squared Euclidean; ties to the lowest index) for each row of (N, D) frames. */
    public NDArray nearest(NDArray frames) {
        NDArray norms;
        NDArray transposedBook;
        // several files may be encoded at once with one model: one thread refreshes the cache, all read it
        synchronized (this) {
            NDArray book = codebook.getArray();
            if (book != cachedFor || version != cachedVersion) {
                // streaming encodes call this once per frame: ‖e‖² and Eᵀ would otherwise be recomputed every time
                if (cachedNorms != null) {
                    cachedNorms.close();
                    cachedTranspose.close();
                }
                // ops on a parameter put their results on its long-lived manager: keep what is cached, close the
                // rest at once (left open, a square and a transpose per layer piled up at every training step, 8 MB
                // a step for tiny)
                NDArray squares = book.square();
                cachedNorms = squares.sum(new int[] {1});
                squares.close();
                NDArray transposed = book.transpose();
                cachedTranspose = transposed.duplicate();
                transposed.close();
                cachedFor = book;
                cachedVersion = version;
            }
            norms = cachedNorms;
            transposedBook = cachedTranspose;
        }
        NDArray x = frames.stopGradient();
        NDArray dots = x.matMul(transposedBook); // (N, K)
        return local(norms.sub(dots.add(dots)), x).argMin(1);
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
     * Lloyd iterations; clusters left empty keep their seed. Every code starts on the provisional count: whether it
     * is picked in the next {@link #GRACE_STEPS} steps decides whether it stays.
     */
    public void initializeFromData(NDArray frames, SeededRandom rng) {
        NDArray x = frames.stopGradient();
        NDArray centroids = x.get(new NDIndex("{}", x.getManager().create(seed(x, rng))));
        for (int it = 0; it < Math.max(1, settings.kmeansIterations()); it++) {
            NDArray onehot = nearest(x, centroids).oneHot(size, x.getDataType());
            NDArray counts = onehot.sum(new int[] {0});
            NDArray sums = onehot.transpose().matMul(x);
            NDArray means = sums.div(counts.maximum(1f).reshape(size, 1));
            NDArray empty = counts.eq(0f).reshape(size, 1).broadcast(centroids.getShape());
            centroids = NDArrays.where(empty, centroids, means);
        }
        version++;
        codebook.getArray().set(new NDIndex(":"), centroids);
        NDArray startCounts = x.getManager().full(new Shape(size), provisionalCount());
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
            long previousPick = picks[k - 1];
            NDArray previous = best;
            // each round's temporaries freed at once: kept to the step's end they were K × N × D floats per layer
            // (20 GB over the eight layers of a base model at batch 8 × 2 s)
            best = freeingIntermediates(x, in -> {
                NDArray last = in.get(new NDIndex("{}", in.getManager().create(new long[] {previousPick})));
                NDArray d = in.sub(last).square().sum(new int[] {1});
                return previous == null ? d : d.minimum(previous);
            });
            if (previous != null) {
                previous.close();
            }
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
     * EMA count is below the threshold is replaced by a frame of this batch drawn with {@code rng}.
     *
     * @return the number of codes replaced
     */
    public int updateFromBatch(NDArray frames, NDArray codes, SeededRandom rng) {
        NDArray x = frames.stopGradient();
        NDManager m = x.getManager();
        double decay = settings.decay();
        NDArray onehot = codes.oneHot(size, x.getDataType());
        double rate = (1 - decay) * perReference(x);
        emaCount.getArray().muli(decay).addi(onehot.sum(new int[] {0}).muli(rate));
        emaSum.getArray().muli(decay).addi(onehot.transpose().matMul(x).muli(rate));
        NDArray count = local(emaCount.getArray().duplicate(), x);
        NDArray total = count.sum();
        NDArray smoothed = count.add(settings.epsilon()).div(total.add(size * settings.epsilon())).mul(total);
        version++;
        codebook.getArray().set(new NDIndex(":"), local(emaSum.getArray().duplicate(), x)
                .div(smoothed.reshape(size, 1)));
        return replaceDeadCodes(x, rng, m);
    }

    /**
     * Replaces codes whose EMA count is below the threshold by distinct random frames of this batch, the least used
     * codes first and at most one code per frame (a frame copied into two codes leaves the second unreachable: ties
     * go to the lower index). A replaced code starts on the provisional count.
     *
     * <p>Random frames, as EnCodec, rather than the frames the codebook serves worst: those are mostly the rare
     * outliers (a clip's first frames, after the causal zero padding), so codes put there were seldom picked again
     * and were replaced over and over (docs/DESIGN.md).
     */
    private int replaceDeadCodes(NDArray x, SeededRandom rng, NDManager m) {
        float[] counts = emaCount.getArray().toFloatArray();
        long[] deadCodes = IntStream.range(0, counts.length).filter(k -> counts[k] < settings.deadCodeThreshold())
                .boxed().sorted(Comparator.comparingDouble(k -> counts[k]))
                .limit(x.getShape().get(0)).mapToLong(Integer::longValue).toArray();
        if (deadCodes.length == 0) {
            return 0;
        }
        long[] frames = rng.sample((int) x.getShape().get(0), deadCodes.length);
        NDArray replacement = x.get(new NDIndex("{}", m.create(frames)));
        NDIndex where = new NDIndex("{}", m.create(deadCodes));
        float fresh = provisionalCount();
        version++;
        codebook.getArray().set(where, replacement);
        emaSum.getArray().set(where, replacement.mul(fresh));
        emaCount.getArray().set(where, m.full(new Shape(deadCodes.length), fresh));
        return deadCodes.length;
    }

    /** Factor that puts a batch's counts in uses per {@link CodebookSettings#REFERENCE_FRAMES} frames. */
    private static double perReference(NDArray frames) {
        return CodebookSettings.REFERENCE_FRAMES / frames.getShape().get(0);
    }

    /**
     * A new code's EMA count: the threshold divided by decay^{@link #GRACE_STEPS}, so a code nobody picks is dead
     * again after that many steps. Measured in the tiny demo's regime (batch 4 × 1 s): 30 steps kept fewer codes in
     * use on unseen clips than 10 (334 against 444 of 1,024), since a code that no batch picks for that long holds a
     * place a random frame could take.
     */
    private float provisionalCount() {
        return (float) (settings.deadCodeThreshold() / Math.pow(settings.decay(), GRACE_STEPS));
    }

    /** Codes in use among (N) indices, for telemetry. */
    public static int distinct(NDArray codes) {
        long[] c = codes.toLongArray();
        return (int) java.util.Arrays.stream(c).distinct().count();
    }
}
