package io.github.soundstream.data;

import io.github.soundstream.audio.AudioFileException;
import io.github.soundstream.nn.SeededRandom;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic, prefetching batches. Epoch e visits the clips in a permutation drawn from (seed, e); batch b takes
 * the next {@code batchSize} clips (the last partial batch is dropped; a source smaller than a batch wraps round);
 * clip crops come from (seed, e, position). Workers decode upcoming batches in the background, in order, so the
 * sequence of batches depends only on the seed and where it starts — a resumed run sees the same data.
 *
 * <p>A file that cannot be decoded is skipped with one warning, remembered, listed at the end, and replaced by the
 * next clip of the epoch's order; it never becomes noise or silence.
 */
public final class BatchLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

    private final ClipSource source;
    private final int batchSize;
    private final int samples;
    private final long seed;
    private final ExecutorService workers;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private final int prefetch;
    private final Set<Integer> bad = ConcurrentHashMap.newKeySet();
    private final List<String> badDescriptions = Collections.synchronizedList(new ArrayList<>());
    private DataPosition nextToSchedule;
    private DataPosition nextToDeliver;
    private long waitNanos;

    public BatchLoader(ClipSource source, int batchSize, int samples, long seed, int workers, DataPosition start) {
        if (source.size() == 0) {
            throw new IllegalArgumentException("no clips to train on");
        }
        this.source = source;
        this.batchSize = batchSize;
        this.samples = samples;
        this.seed = seed;
        this.workers = workers > 0 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "batch-loader");
            t.setDaemon(true);
            return t;
        }) : null;
        this.prefetch = Math.max(1, 2 * workers);
        this.nextToSchedule = start;
        this.nextToDeliver = start;
    }

    public int batchesPerEpoch() {
        return Math.max(1, source.size() / batchSize);
    }

    /** Position of the next batch {@link #next()} returns. */
    public DataPosition position() {
        return nextToDeliver;
    }

    /** Total time the caller has waited for batches, in seconds. */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }

    /** Files skipped so far because they could not be read, as "path: reason". */
    public List<String> skippedFiles() {
        synchronized (badDescriptions) {
            return List.copyOf(badDescriptions);
        }
    }

    public Batch next() throws IOException {
        long t0 = System.nanoTime();
        Batch b;
        if (workers == null) {
            b = load(nextToDeliver);
        } else {
            while (pending.size() < prefetch) {
                DataPosition p = nextToSchedule;
                pending.add(workers.submit(() -> load(p)));
                nextToSchedule = advance(nextToSchedule);
            }
            try {
                b = pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a batch", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        waitNanos += System.nanoTime() - t0;
        nextToDeliver = advance(nextToDeliver);
        return b;
    }

    private DataPosition advance(DataPosition p) {
        return p.batch() + 1 >= batchesPerEpoch() ? new DataPosition(p.epoch() + 1, 0)
                : new DataPosition(p.epoch(), p.batch() + 1);
    }

    private Batch load(DataPosition p) throws IOException {
        int[] order = permutation(p.epoch());
        float[] audio = new float[batchSize * samples];
        int filled = 0;
        int cursor = p.batch() * batchSize;
        int attempts = 0;
        while (filled < batchSize) {
            if (attempts++ > order.length + batchSize) {
                throw new IOException("no readable audio: every file failed to decode (" + bad.size() + " skipped)");
            }
            int index = order[cursor % order.length];
            long cropSeed = Mixing.mix(seed, p.epoch(), cursor);
            cursor++;
            if (bad.contains(index)) {
                continue;
            }
            try {
                float[] clip = source.clip(index, cropSeed);
                System.arraycopy(clip, 0, audio, filled * samples, samples);
                filled++;
            } catch (AudioFileException e) {
                if (bad.add(index)) {
                    badDescriptions.add(e.getMessage());
                    LOG.warn("skipping unreadable file {}", e.getMessage());
                }
            }
        }
        return new Batch(audio, batchSize, samples, p.epoch(), p.batch());
    }

    private int[] permutation(int epoch) {
        int n = source.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SeededRandom rng = new SeededRandom(Mixing.mix(seed, epoch, 0x5EED));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
