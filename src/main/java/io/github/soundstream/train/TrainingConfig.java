package io.github.soundstream.train;

/**
 * How to train; immutable, saved in every checkpoint.
 *
 * @param maxSteps           stop after this many steps (whatever --num-epochs says, the smaller wins)
 * @param generatorLr        AdamW learning rate of the generator (1e-4)
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
 */
public record TrainingConfig(long maxSteps, double generatorLr, double discriminatorLr, double lrDecay,
        long discWarmupSteps, long saveInterval, int maxCheckpoints, long sampleInterval, long logInterval, long seed,
        double lambdaAdv, double lambdaFeat, double lambdaRec, double gradClip, double quantizerDropout) {

    public TrainingConfig {
        if (maxSteps < 1 || !(generatorLr > 0) || !(discriminatorLr > 0) || !(lrDecay > 0 && lrDecay <= 1)
                || discWarmupSteps < 0 || saveInterval < 1 || maxCheckpoints < 1 || sampleInterval < 1
                || logInterval < 1 || !(gradClip > 0) || quantizerDropout < 0 || quantizerDropout > 1) {
            throw new IllegalArgumentException("invalid training config: " + this);
        }
    }

    /** AdamW β1, β2 and weight decay of both optimizers (the original's choices). */
    public static final double BETA1 = 0.8;
    public static final double BETA2 = 0.9;
    public static final double WEIGHT_DECAY = 0.01;
    public static final double ADAM_EPSILON = 1e-8;
}
