package io.github.soundstream.config;

/**
 * How to train; immutable, saved in every checkpoint.
 *
 * @param maxSteps           stop after this many steps (whatever --num-epochs says, the smaller wins)
 * @param generatorLr        AdamW learning rate of the generator (3e-4; with the original's 1e-4 the birds' tones
 *                           came back 32 dB down after two CPU-hours of tiny, 18 dB with 3e-4: docs/BENCHMARKS.md)
 * @param discriminatorLr    AdamW learning rate of the discriminators (1e-4)
 * @param lrDecay            exponential decay per optimizer step (0.999996)
 * @param discWarmupSteps    steps in which only the generator trains, on reconstruction + commitment (5000)
 * @param saveInterval       steps between checkpoints
 * @param maxCheckpoints     checkpoints kept, newest by step
 * @param sampleInterval     steps between audio and spectrogram samples in TensorBoard
 * @param logInterval        steps between scalar logs
 * @param seed               seeds initialisation, data order, crops, quantizer dropout and codebook restarts
 * @param lambdaAdv          weight of the adversarial loss (1)
 * @param lambdaFeat         weight of feature matching (100)
 * @param lambdaRec          weight of the mel reconstruction loss (1)
 * @param gradClip           global gradient-norm clip (1.0)
 * @param quantizerDropout   probability that a batch uses a random number of quantizers (0.5)
 * @param beta1              AdamW β1 of both optimizers (0.8, the original's; DAC uses 0.8)
 * @param beta2              AdamW β2 of both optimizers (0.9, the original's; DAC uses 0.99)
 * @param lambdaL1           weight of a time-domain L1 term (0: the original's recipe; EnCodec uses 0.1)
 * @param melLoss            the reconstruction loss: "soundstream" (the paper's) or "dac" (DAC's 7-window loss)
 * @param lambdaStft         weight of a multi-resolution linear-frequency STFT loss (spectral convergence + log
 *                           magnitude at 512, 1024 and 2048; 0: the original's recipe), which tells a tone from
 *                           noise in the same mel band
 * @param lossBalancer       EnCodec's loss balancer: the generator's losses on the audio (mel, L1, STFT, adversarial,
 *                           feature matching) each get their weight's share of a unit gradient, whatever their
 *                           scale (false: the original's plain weighted sum)
 */
public record TrainingConfig(long maxSteps, double generatorLr, double discriminatorLr, double lrDecay,
        long discWarmupSteps, long saveInterval, int maxCheckpoints, long sampleInterval, long logInterval, long seed,
        double lambdaAdv, double lambdaFeat, double lambdaRec, double gradClip, double quantizerDropout, double beta1,
        double beta2, double lambdaL1, String melLoss, double lambdaStft,
        boolean lossBalancer) {

    public TrainingConfig {
        String c = "training config";
        Limits.require(c, "maxSteps", maxSteps, 1, Long.MAX_VALUE);
        Limits.require(c, "generatorLr", generatorLr, 0, true, 1);
        Limits.require(c, "discriminatorLr", discriminatorLr, 0, true, 1);
        Limits.require(c, "lrDecay", lrDecay, 0, true, 1);
        Limits.require(c, "discWarmupSteps", discWarmupSteps, 0, Long.MAX_VALUE);
        Limits.require(c, "saveInterval", saveInterval, 1, Long.MAX_VALUE);
        Limits.require(c, "maxCheckpoints", maxCheckpoints, 1, 1_000_000);
        Limits.require(c, "sampleInterval", sampleInterval, 1, Long.MAX_VALUE);
        Limits.require(c, "logInterval", logInterval, 1, Long.MAX_VALUE);
        Limits.require(c, "gradClip", gradClip, 0, true, Double.MAX_VALUE);
        Limits.require(c, "quantizerDropout", quantizerDropout, 0, false, 1);
        Limits.require(c, "lambdaAdv", lambdaAdv, 0, false, 1e6);
        Limits.require(c, "lambdaFeat", lambdaFeat, 0, false, 1e6);
        Limits.require(c, "lambdaRec", lambdaRec, 0, false, 1e6);
        Limits.require(c, "beta1", beta1, 0, false, 0.9999);
        Limits.require(c, "beta2", beta2, 0, false, 0.99999);
        Limits.require(c, "lambdaL1", lambdaL1, 0, false, 1e6);
        Limits.require(c, "lambdaStft", lambdaStft, 0, false, 1e6);
        Limits.requireThat(c, !lossBalancer || lambdaRec > 0, "lambdaRec = " + lambdaRec
                + ": the loss balancer shares the gradient out by weight, and in warm-up the mel loss is alone");
        Limits.requireThat(c, "soundstream".equals(melLoss) || "dac".equals(melLoss), "melLoss = " + melLoss
                + ", must be soundstream or dac");
    }

    /** A builder holding the Python original's defaults; set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration (a resumed run changing what may change). */
    public Builder toBuilder() {
        return new Builder().maxSteps(maxSteps).generatorLr(generatorLr).discriminatorLr(discriminatorLr)
                .lrDecay(lrDecay).discWarmupSteps(discWarmupSteps).saveInterval(saveInterval)
                .maxCheckpoints(maxCheckpoints).sampleInterval(sampleInterval).logInterval(logInterval).seed(seed)
                .lambdaAdv(lambdaAdv).lambdaFeat(lambdaFeat).lambdaRec(lambdaRec).gradClip(gradClip)
                .quantizerDropout(quantizerDropout).betas(beta1, beta2).lambdaL1(lambdaL1).melLoss(melLoss)
                .lambdaStft(lambdaStft).lossBalancer(lossBalancer);
    }

    /** Named setters over the original's defaults: no more fifteen numbers by position. */
    public static final class Builder {
        private long maxSteps = Long.MAX_VALUE / 4;
        private double generatorLr = 3e-4;
        private double discriminatorLr = 1e-4;
        private double lrDecay = 0.999996;
        private long discWarmupSteps = 5000;
        private long saveInterval = 5000;
        private int maxCheckpoints = 5;
        private long sampleInterval = 1000;
        private long logInterval = 10;
        private long seed = 42;
        private double lambdaAdv = 1;
        private double lambdaFeat = 100;
        private double lambdaRec = 1;
        private double gradClip = 1;
        private double quantizerDropout = 0.5;
        private double beta1 = BETA1;
        private double beta2 = BETA2;
        private double lambdaL1 = 0;
        private String melLoss = "soundstream";
        private double lambdaStft = 0;
        private boolean lossBalancer = false;

        private Builder() {
        }

        public Builder maxSteps(long v) {
            maxSteps = v;
            return this;
        }

        public Builder generatorLr(double v) {
            generatorLr = v;
            return this;
        }

        public Builder discriminatorLr(double v) {
            discriminatorLr = v;
            return this;
        }

        public Builder lrDecay(double v) {
            lrDecay = v;
            return this;
        }

        public Builder discWarmupSteps(long v) {
            discWarmupSteps = v;
            return this;
        }

        public Builder saveInterval(long v) {
            saveInterval = v;
            return this;
        }

        public Builder maxCheckpoints(int v) {
            maxCheckpoints = v;
            return this;
        }

        public Builder sampleInterval(long v) {
            sampleInterval = v;
            return this;
        }

        public Builder logInterval(long v) {
            logInterval = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder lambdaAdv(double v) {
            lambdaAdv = v;
            return this;
        }

        public Builder lambdaFeat(double v) {
            lambdaFeat = v;
            return this;
        }

        public Builder lambdaRec(double v) {
            lambdaRec = v;
            return this;
        }

        public Builder gradClip(double v) {
            gradClip = v;
            return this;
        }

        public Builder quantizerDropout(double v) {
            quantizerDropout = v;
            return this;
        }

        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder lambdaL1(double v) {
            lambdaL1 = v;
            return this;
        }

        public Builder melLoss(String v) {
            melLoss = v;
            return this;
        }

        public Builder lambdaStft(double v) {
            lambdaStft = v;
            return this;
        }

        public Builder lossBalancer(boolean v) {
            lossBalancer = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(maxSteps, generatorLr, discriminatorLr, lrDecay, discWarmupSteps, saveInterval,
                    maxCheckpoints, sampleInterval, logInterval, seed, lambdaAdv, lambdaFeat, lambdaRec, gradClip,
                    quantizerDropout, beta1, beta2, lambdaL1, melLoss, lambdaStft, lossBalancer);
        }
    }

    /** AdamW's default β1, β2, and the weight decay and ε of both optimizers (the original's choices). */
    public static final double BETA1 = 0.8;
    public static final double BETA2 = 0.9;
    public static final double WEIGHT_DECAY = 0.01;
    public static final double ADAM_EPSILON = 1e-8;
}
