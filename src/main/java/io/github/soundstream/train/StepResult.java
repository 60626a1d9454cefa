package io.github.soundstream.train;

/**
 * Scalars of one training step, read before its manager closed. Losses not computed in a step (the adversarial
 * terms during warm-up) are NaN.
 */
public record StepResult(long step, int quantizers, boolean adversarial, double reconstruction, double commitment,
        double adversarialLoss, double featureMatching, double generatorTotal, double discriminatorLoss,
        double generatorGradNorm, double discriminatorGradNorm, boolean skipped, int[] codesReplaced,
        long[][] codes, int codebookSize) {

    /** Perplexity exp(H) of layer {@code layer}'s codes in this batch. */
    public double perplexity(int layer) {
        long[] counts = histogram(layer);
        double total = codes[layer].length;
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /** Distinct codes of layer {@code layer} used in this batch. */
    public int codesInUse(int layer) {
        int n = 0;
        for (long c : histogram(layer)) {
            if (c > 0) {
                n++;
            }
        }
        return n;
    }

    private long[] histogram(int layer) {
        long[] counts = new long[codebookSize];
        for (long c : codes[layer]) {
            counts[(int) c]++;
        }
        return counts;
    }
}
