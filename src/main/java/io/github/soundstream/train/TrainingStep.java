package io.github.soundstream.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.Batch;
import io.github.soundstream.data.Mixing;
import io.github.soundstream.gan.AdversarialLosses;
import io.github.soundstream.gan.DiscriminatorOutput;
import io.github.soundstream.gan.MelReconstructionLoss;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.SeededRandom;
import java.util.List;

/**
 * One GAN step in its own NDManager scope. During the discriminator warm-up the generator trains on
 * reconstruction + commitment only and the discriminators are neither run nor updated. Afterwards: a generator step
 * (discriminator parameters frozen for the fake pass, so no wasted gradients) on λ_adv·hinge + λ_feat·feature
 * matching + λ_rec·mel + commitment, then a discriminator step on the detached reconstruction and the generator
 * step's recorded real pass. A non-finite loss or gradient norm skips that network's update (and the codebook
 * update) and is reported.
 */
final class TrainingStep {
    private final TrainingModels models;
    private final TrainingConfig config;
    private final MelReconstructionLoss mel;
    private final AdversarialLosses adversarial;
    private final Engine engine = Engine.getEngine("PyTorch");

    TrainingStep(TrainingModels models, TrainingConfig config) {
        this.models = models;
        this.config = config;
        this.mel = MelReconstructionLoss.named(config.melLoss(), models.generator().config().sampleRate(),
                models.constants());
        this.adversarial = new AdversarialLosses(models.constants());
    }

    /** Number of quantizers for {@code step}: quantizer dropout, drawn from (seed, step). */
    int quantizersFor(long step) {
        int n = models.generator().config().numQuantizers();
        SeededRandom rng = new SeededRandom(Mixing.mix(config.seed(), step, 0xD0));
        return rng.nextDouble() < config.quantizerDropout() ? 1 + rng.nextInt(n) : n;
    }

    StepResult run(long step, Batch batch) {
        SoundStreamGenerator g = models.generator();
        try (NDManager sm = models.manager().newSubManager()) {
            NDArray real = sm.create(batch.audio(), new Shape(batch.clips(), 1, batch.samples()));
            if (!g.quantizer().hasLearnedCodebook()) {
                g.quantizer().initializeFromData(g.embed(real, false), new SeededRandom(Mixing.mix(config.seed(),
                        0x4B4D)));
            }
            int n = quantizersFor(step);
            boolean adv = step >= config.discWarmupSteps();
            GeneratorPass gp = generatorStep(real, n, adv, sm);
            int[] replaced = gp.ok() ? learnCodebooks(step, gp.out()) : new int[0];
            StepResult.DiscriminatorLosses d = adv && gp.ok()
                    ? discriminatorStep(gp.realVerdicts(), gp.out().audio().stopGradient(), sm)
                    : StepResult.DiscriminatorLosses.NOT_RUN;
            boolean dOk = !adv || !gp.ok() || Double.isFinite(d.loss()) && Double.isFinite(d.gradNorm());
            return new StepResult(step, n, adv, gp.losses(), d, !gp.ok() || !dOk, replaced,
                    layerCodes(gp.out().quantizer().codes()), g.config().codebookSize());
        }
    }

    /** What the generator step leaves for the rest of the step. */
    private record GeneratorPass(SoundStreamGenerator.Output out, List<DiscriminatorOutput> realVerdicts,
            StepResult.GeneratorLosses losses, boolean ok) {
    }

    /**
     * The generator's update: λ_rec·mel + commitment, plus λ_adv·hinge + λ_feat·feature matching after warm-up.
     * Skipped (and reported not ok) when the loss or the gradient norm is not finite.
     */
    private GeneratorPass generatorStep(NDArray real, int quantizers, boolean adv, NDManager sm) {
        SoundStreamGenerator g = models.generator();
        Constants c = models.constants();
        var gParams = models.generatorParameters().values();
        var dParams = models.discriminatorParameters().values();
        Gradients.zero(gParams, sm);
        SoundStreamGenerator.Output out;
        List<DiscriminatorOutput> realVerdicts = null;
        double rec;
        double commit;
        double advLoss = Double.NaN;
        double feat = Double.NaN;
        double total;
        double l1;
        try (GradientCollector gc = engine.newGradientCollector()) {
            out = g.forward(real, quantizers, true, c);
            NDArray recLoss = mel.compute(real, out.audio());
            NDArray loss = recLoss.mul(c.like(config.lambdaRec(), recLoss)).add(out.quantizer().commitment());
            NDArray l1Term = null;
            if (config.lambdaL1() > 0) {
                l1Term = real.sub(out.audio()).abs().mean();
                loss = loss.add(l1Term.mul(c.like(config.lambdaL1(), l1Term)));
            }
            NDArray advTerm = null;
            NDArray featTerm = null;
            if (adv) {
                // The real pass is recorded with the discriminators trainable, and the discriminator step reuses it
                // (their parameters do not change in between): one discriminator forward less per step. Feature
                // matching detaches it, so the generator's backward never enters it. The fake pass runs frozen, so
                // that backward computes no discriminator weight gradients.
                realVerdicts = models.discriminators().discriminate(real, true);
                Gradients.setTrainable(dParams, false);
                List<DiscriminatorOutput> fakeVerdicts = models.discriminators().discriminate(out.audio(), true);
                advTerm = adversarial.generatorHinge(fakeVerdicts);
                featTerm = adversarial.featureMatching(realVerdicts, fakeVerdicts);
                loss = loss.add(advTerm.mul(c.like(config.lambdaAdv(), advTerm)))
                        .add(featTerm.mul(c.like(config.lambdaFeat(), featTerm)));
            }
            gc.backward(loss);
            rec = recLoss.getFloat();
            commit = out.quantizer().commitment().getFloat();
            total = loss.getFloat();
            l1 = l1Term == null ? Double.NaN : l1Term.getFloat();
            if (adv) {
                advLoss = advTerm.getFloat();
                feat = featTerm.getFloat();
            }
        }
        if (adv) {
            Gradients.setTrainable(dParams, true);
        }
        double gNorm = Gradients.norm(gParams, sm);
        boolean ok = Double.isFinite(total) && Double.isFinite(gNorm);
        if (ok) {
            Gradients.clip(gParams, gNorm, config.gradClip(), sm);
            AdamW opt = models.generatorOptimizer();
            opt.step(config.generatorLr() * Math.pow(config.lrDecay(), opt.steps()), config.beta1(), config.beta2(), sm);
        }
        return new GeneratorPass(out, realVerdicts, new StepResult.GeneratorLosses(rec, commit, advLoss, feat, l1,
                total, gNorm), ok);
    }

    /** EMA codebook update and dead-code replacement, drawn from (seed, step) so a resumed run repeats it. */
    private int[] learnCodebooks(long step, SoundStreamGenerator.Output out) {
        return models.generator().quantizer().updateCodebooks(out.quantizer(),
                new SeededRandom(Mixing.mix(config.seed(), step, 0xDEAD)));
    }

    /** The discriminators' hinge update on the recorded real pass and the detached reconstruction. */
    private StepResult.DiscriminatorLosses discriminatorStep(List<DiscriminatorOutput> realVerdicts, NDArray fake,
            NDManager sm) {
        var dParams = models.discriminatorParameters().values();
        Gradients.zero(dParams, sm);
        double dLoss;
        try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray loss = adversarial.discriminatorHinge(realVerdicts, models.discriminators().discriminate(fake,
                    true));
            gc.backward(loss);
            dLoss = loss.getFloat();
        }
        double dNorm = Gradients.norm(dParams, sm);
        if (Double.isFinite(dLoss) && Double.isFinite(dNorm)) {
            Gradients.clip(dParams, dNorm, config.gradClip(), sm);
            AdamW opt = models.discriminatorOptimizer();
            opt.step(config.discriminatorLr() * Math.pow(config.lrDecay(), opt.steps()), config.beta1(), config.beta2(),
                    sm);
        }
        return new StepResult.DiscriminatorLosses(dLoss, dNorm);
    }

    private static long[][] layerCodes(NDArray codes) {
        Shape s = codes.getShape();
        int layers = (int) s.get(1);
        long[] all = codes.toLongArray();
        int batch = (int) s.get(0);
        int frames = (int) s.get(2);
        long[][] out = new long[layers][batch * frames];
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < layers; l++) {
                System.arraycopy(all, (b * layers + l) * frames, out[l], b * frames, frames);
            }
        }
        return out;
    }
}
