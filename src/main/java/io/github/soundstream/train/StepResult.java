package io.github.soundstream.train;

/**
 * Scalars of one training step, read before its manager closed. Losses not computed in a step (the adversarial
 * terms during warm-up) are NaN.
 */
public record StepResult(long step, int quantizers, boolean adversarial, GeneratorLosses generator,
        DiscriminatorLosses discriminator, boolean skipped, int[] codesReplaced, long[][] codes, int codebookSize) {

    /**
     * The generator step's losses (adversarial ones NaN in warm-up; the time-domain L1 and the linear STFT loss,
     * unweighted, NaN when their weight is 0) and gradient norm.
     */
    public record GeneratorLosses(double reconstruction, double commitment, double adversarial,
            double featureMatching, double timeL1, double stft, double total, double gradNorm) {
    }

    /** The discriminator step's hinge loss and gradient norm; NaN when it did not run. */
    public record DiscriminatorLosses(double loss, double gradNorm) {
        static final DiscriminatorLosses NOT_RUN = new DiscriminatorLosses(Double.NaN, Double.NaN);
    }

    public double reconstruction() {
        return generator.reconstruction();
    }

    public double commitment() {
        return generator.commitment();
    }

    public double adversarialLoss() {
        return generator.adversarial();
    }

    public double featureMatching() {
        return generator.featureMatching();
    }

    public double generatorTotal() {
        return generator.total();
    }

    public double generatorGradNorm() {
        return generator.gradNorm();
    }

    public double discriminatorLoss() {
        return discriminator.loss();
    }

    public double discriminatorGradNorm() {
        return discriminator.gradNorm();
    }

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
