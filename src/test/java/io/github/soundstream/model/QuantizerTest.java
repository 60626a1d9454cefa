package io.github.soundstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.nn.SeededRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuantizerTest {
    private NDManager manager;

    @BeforeEach
    void setUp() {
        EngineSetup.configure(2);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private VectorQuantizer quantizer(int k, int d, CodebookSettings s) {
        VectorQuantizer vq = new VectorQuantizer(k, d, s);
        vq.initialize(manager, DataType.FLOAT32);
        return vq;
    }

    /** k well-separated Gaussian clusters in d dimensions, {@code per} points each, shuffled. */
    private NDArray clusters(int k, int d, int per, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[k][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) (r.nextGaussian() * 10);
            }
        }
        float[] x = new float[k * per * d];
        for (int i = 0; i < k * per; i++) {
            float[] c = centres[r.nextInt(k)];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = c[j] + (float) (r.nextGaussian() * 0.1);
            }
        }
        return manager.create(x, new Shape((long) k * per, d));
    }

    @Test
    void kmeansInitialisationUsesAtLeast90PercentOfTheCodebook() {
        VectorQuantizer vq = quantizer(64, 8, CodebookSettings.DEFAULT);
        NDArray data = clusters(64, 8, 40, 1);
        // before: the uniform ±1/K init puts everything on a handful of codes
        int before = VectorQuantizer.distinct(vq.nearest(data));
        vq.initializeFromData(data, new SeededRandom(3));
        int after = VectorQuantizer.distinct(vq.nearest(data));
        assertTrue(vq.hasLearnedCodebook());
        assertTrue(after >= 58, "codes used after k-means: " + after + " of 64 (before: " + before + ")");
        NDArray err = data.sub(vq.lookup(vq.nearest(data))).square().sum(new int[] {1}).mean();
        assertTrue(err.getFloat() < 1.0, "quantisation error " + err.getFloat());
    }

    /** k-means++ seeding draws K seeds; its per-seed temporaries once stayed alive until the training step ended. */
    @Test
    void kmeansSeedingFreesItsTemporaries() {
        VectorQuantizer vq = quantizer(256, 8, CodebookSettings.DEFAULT);
        try (NDManager step = manager.newSubManager()) {
            NDArray data = clusters(64, 8, 20, 4); // 1,280 frames > 256 codes: the k-means++ path
            data.attach(step);
            int before = step.getManagedArrays().size();
            vq.initializeFromData(data, new SeededRandom(5));
            int added = step.getManagedArrays().size() - before;
            assertTrue(added < 256, added + " arrays left on the step's manager by k-means of 256 codes");
            assertTrue(VectorQuantizer.distinct(vq.nearest(data)) >= 60, "seeding still covers the clusters");
        }
    }

    @Test
    void deadCodesAreRevivedFromTheBatch() {
        VectorQuantizer vq = quantizer(32, 4, CodebookSettings.DEFAULT);
        NDArray data = clusters(32, 4, 20, 2);
        // never initialised: every EMA count is zero, so after one EMA step every code but the few the ±1/K
        // initial codebook sent frames to is below the threshold
        NDArray codes = vq.nearest(data);
        int used = VectorQuantizer.distinct(codes);
        int replaced = vq.updateFromBatch(data, codes, new SeededRandom(3));
        assertTrue(replaced >= 32 - used && replaced > 16, "replaced " + replaced + ", " + used + " codes used");
        assertTrue(VectorQuantizer.distinct(vq.nearest(data)) >= 16, "revived codes take frames");
        // every replaced code is now exactly one of the batch's frames
        float[] book = vq.codebook().toFloatArray();
        float[] x = data.toFloatArray();
        int matches = 0;
        for (int k = 0; k < 32; k++) {
            for (int i = 0; i < 640; i++) {
                boolean same = true;
                for (int j = 0; j < 4; j++) {
                    same &= book[k * 4 + j] == x[i * 4 + j];
                }
                if (same) {
                    matches++;
                    break;
                }
            }
        }
        assertTrue(matches >= replaced, matches + " codes equal a batch frame");
    }

    /**
     * The training demo's regime: 300 frames per step (4 clips × 75 frames) for 1,024 codes, on data with more
     * structure than codes. A threshold meant for EnCodec's 4,800-frame batches once declared nearly every code dead
     * at every step, and the codebook collapsed to a few hub codes.
     */
    @Test
    void smallBatchesKeepMostOfALargeCodebookAlive() {
        int k = 1024;
        int d = 16;
        VectorQuantizer vq = quantizer(k, d, CodebookSettings.DEFAULT);
        NDArray pool = clusters(4096, d, 5, 5); // 20,480 frames
        long poolSize = pool.getShape().get(0);
        SeededRandom draw = new SeededRandom(11);
        SeededRandom rng = new SeededRandom(12);
        SeededRandom replacements = new SeededRandom(13);
        int[] replaced = new int[300];
        double initialError = 0;
        for (int step = 0; step < replaced.length; step++) {
            try (NDManager m = manager.newSubManager()) {
                NDArray batch = pool.get(new ai.djl.ndarray.index.NDIndex("{}", m.create(draw.sample((int) poolSize,
                        300))));
                if (!vq.hasLearnedCodebook()) {
                    vq.initializeFromData(batch, rng);
                    initialError = meanSquaredError(vq, pool);
                }
                replaced[step] = vq.updateFromBatch(batch, vq.nearest(batch), replacements);
            }
        }
        int used = VectorQuantizer.distinct(vq.nearest(pool));
        int lateReplacements = java.util.Arrays.stream(replaced, 250, 300).sum();
        assertTrue(used >= 0.8 * k, "codes used on the whole data: " + used + " of " + k);
        assertTrue(lateReplacements < 0.05 * k * 50, "codes replaced in the last 50 steps: " + lateReplacements);
        double error = meanSquaredError(vq, pool);
        assertTrue(error < 0.7 * initialError, "quantisation error " + error + ", after k-means on the first batch "
                + initialError);
    }

    private static double meanSquaredError(VectorQuantizer vq, NDArray data) {
        return data.sub(vq.lookup(vq.nearest(data))).square().sum(new int[] {1}).mean().getFloat();
    }

    @Test
    void emaUpdateMatchesAFloat64Reference() {
        CodebookSettings s = new CodebookSettings(0.9, 1e-5, 0.0, 3);
        VectorQuantizer vq = quantizer(4, 2, s);
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {-1, -1}, {-1.2f, -0.8f}, {5, 5}};
        NDArray data = manager.create(x);
        vq.initializeFromData(data, new SeededRandom(9));
        double[][] e = toDouble(vq.codebook().toFloatArray(), 4, 2);
        double[] count = readCounts(vq);
        double[][] sum = new double[4][2];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 2; j++) {
                sum[k][j] = e[k][j] * count[k];
            }
        }
        float[][] batch = {{1.1f, 0.1f}, {0, 0.8f}, {5, 4}};
        NDArray b = manager.create(batch);
        NDArray codes = vq.nearest(b);
        long[] c = codes.toLongArray();
        vq.updateFromBatch(b, codes, new SeededRandom(1)); // threshold 0: nothing is replaced
        // reference: EMA of counts and sums, Laplace smoothing for the division only
        double[] n = new double[4];
        double[][] dw = new double[4][2];
        double perReference = CodebookSettings.REFERENCE_FRAMES / 3; // counts are uses per 4,800 frames
        for (int i = 0; i < 3; i++) {
            n[(int) c[i]] += perReference;
            dw[(int) c[i]][0] += perReference * batch[i][0];
            dw[(int) c[i]][1] += perReference * batch[i][1];
        }
        double total = 0;
        for (int k = 0; k < 4; k++) {
            count[k] = 0.9 * count[k] + 0.1 * n[k];
            total += count[k];
            for (int j = 0; j < 2; j++) {
                sum[k][j] = 0.9 * sum[k][j] + 0.1 * dw[k][j];
            }
        }
        float[] got = vq.codebook().toFloatArray();
        float[] gotCounts = readCountsF(vq);
        for (int k = 0; k < 4; k++) {
            assertEquals(count[k], gotCounts[k], 1e-6, "EMA count written back unsmoothed");
            double smoothed = (count[k] + 1e-5) / (total + 4 * 1e-5) * total;
            for (int j = 0; j < 2; j++) {
                assertEquals(sum[k][j] / smoothed, got[k * 2 + j], 1e-5, "code " + k);
            }
        }
    }

    private static double[] readCounts(VectorQuantizer vq) {
        float[] f = readCountsF(vq);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] readCountsF(VectorQuantizer vq) {
        for (var p : vq.getParameters()) {
            if (p.getValue().getName().equals("ema_count")) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no ema_count");
    }

    private static double[][] toDouble(float[] f, int rows, int cols) {
        double[][] d = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                d[r][c] = f[r * cols + c];
            }
        }
        return d;
    }

    @Test
    void residualLayersRefineAndDecodeSumsTheCodes() {
        ModelConfig cfg = new ModelConfig(2, 6, java.util.List.of(2, 4, 5, 8), 3, 32, 24000);
        ResidualVectorQuantizer rvq = new ResidualVectorQuantizer(cfg, CodebookSettings.DEFAULT);
        rvq.initialize(manager, DataType.FLOAT32);
        NDArray z = manager.randomNormal(new Shape(2, 6, 50));
        rvq.initializeFromData(z, new SeededRandom(4));
        double previous = Double.MAX_VALUE;
        for (int n = 1; n <= 3; n++) {
            NDArray codes = rvq.encode(z, n);
            NDArray decoded = rvq.decode(codes);
            double err = z.sub(decoded).square().mean().getFloat();
            assertTrue(err < previous, n + " layers: error " + err + " not below " + previous);
            previous = err;
        }
    }
}
