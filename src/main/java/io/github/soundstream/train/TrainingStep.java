package io.github.soundstream.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.Batch;
import io.github.soundstream.data.Mixing;
import io.github.soundstream.gan.AdversarialLosses;
import io.github.soundstream.gan.DiscriminatorOutput;
import io.github.soundstream.gan.MelReconstructionLoss;
import io.github.soundstream.gan.StftMagnitudeLoss;
import io.github.soundstream.model.QuantizerOutput;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One GAN step in its own NDManager scope (one per replica; see {@link ReplicaGroup}: with one replica this is
 * plain single-device training). During the discriminator warm-up the generator trains on
 * reconstruction + commitment only and the discriminators are neither run nor updated. Afterwards: a generator step
 * (discriminator parameters frozen for the fake pass, so no wasted gradients) on λ_adv·hinge + λ_feat·feature
 * matching + λ_rec·mel + commitment, then a discriminator step on the detached reconstruction and the generator
 * step's recorded real pass. A non-finite loss or gradient norm skips that network's update (and the codebook
 * update) and is reported.
 */
final class TrainingStep {
    private final ReplicaGroup group;
    private final TrainingConfig config;
    private final List<MelReconstructionLoss> mels = new ArrayList<>();
    private final List<StftMagnitudeLoss> stfts = new ArrayList<>();
    private final List<AdversarialLosses> adversarials = new ArrayList<>();
    private final Engine engine = Engine.getEngine("PyTorch");

    TrainingStep(TrainingModels models, TrainingConfig config) {
        this(new ReplicaGroup(List.of(models)), config);
    }

    TrainingStep(ReplicaGroup group, TrainingConfig config) {
        this.group = group;
        this.config = config;
        for (TrainingModels m : group.all()) { // the losses' constants live on each replica's device
            mels.add(MelReconstructionLoss.named(config.melLoss(), m.generator().config().sampleRate(),
                    m.constants()));
            adversarials.add(new AdversarialLosses(m.constants()));
            stfts.add(new StftMagnitudeLoss(m.constants()));
        }
        group.broadcast(); // replicas start from the primary's state, loaded from a checkpoint or not
    }

    /** Number of quantizers for {@code step}: quantizer dropout, drawn from (seed, step). */
    int quantizersFor(long step) {
        int n = group.primary().generator().config().numQuantizers();
        SeededRandom rng = new SeededRandom(Mixing.mix(config.seed(), step, 0xD0));
        return rng.nextDouble() < config.quantizerDropout() ? 1 + rng.nextInt(n) : n;
    }

    StepResult run(long step, Batch batch) {
        TrainingModels primary = group.primary();
        SoundStreamGenerator g = primary.generator();
        ReplicaGroup.checkSplit(batch.clips(), group.size());
        List<NDManager> scopes = new ArrayList<>();
        try {
            for (TrainingModels m : group.all()) {
                scopes.add(m.manager().newSubManager());
            }
            NDManager sm = scopes.get(0);
            NDArray real = sm.create(batch.audio(), new Shape(batch.clips(), 1, batch.samples()));
            if (!g.quantizer().hasLearnedCodebook()) { // k-means on the whole batch, then every replica takes it
                g.quantizer().initializeFromData(g.embed(real, false), new SeededRandom(Mixing.mix(config.seed(),
                        0x4B4D)));
                group.broadcast();
            }
            int n = quantizersFor(step);
            boolean adv = step >= config.discWarmupSteps();
            List<GeneratorPass> passes = new ArrayList<>();
            long share = batch.clips() / group.size();
            for (int r = 0; r < group.size(); r++) {
                NDArray mine = group.size() == 1 ? real : real.get((r * share) + ":" + ((r + 1) * share))
                        .toDevice(group.all().get(r).manager().getDevice(), true);
                mine.attach(scopes.get(r));
                try {
                    passes.add(generatorPass(r, mine, n, adv, scopes.get(r)));
                } catch (RuntimeException e) {
                    if (group.size() == 1) {
                        throw e;
                    }
                    throw new IllegalStateException("step " + step + ", replica " + r + " on "
                            + group.all().get(r).manager().getDevice() + ": " + e.getMessage(), e);
                }
            }
            StepResult.GeneratorLosses losses = generatorUpdate(passes, sm);
            boolean gOk = Double.isFinite(losses.total()) && Double.isFinite(losses.gradNorm());
            SoundStreamGenerator.Output out = passes.get(0).out();
            QuantizerOutput q = group.size() == 1 ? out.quantizer() : merged(passes, sm);
            int[] replaced = gOk ? learnCodebooks(step, q) : new int[0];
            StepResult.DiscriminatorLosses d = adv && gOk ? discriminatorStep(passes, scopes)
                    : StepResult.DiscriminatorLosses.NOT_RUN;
            group.broadcast();
            boolean dOk = !adv || !gOk || Double.isFinite(d.loss()) && Double.isFinite(d.gradNorm());
            return new StepResult(step, n, adv, losses, d, !gOk || !dOk, replaced, layerCodes(q.codes()),
                    g.config().codebookSize());
        } finally {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                scopes.get(i).close();
            }
        }
    }

    /** What one replica's generator pass leaves for the rest of the step. */
    private record GeneratorPass(SoundStreamGenerator.Output out, List<DiscriminatorOutput> realVerdicts,
            double reconstruction, double commitment, double adversarial, double featureMatching, double timeL1,
            double stft, double total) {
    }

    /**
     * Replica {@code r}'s generator gradients on its share: λ_rec·mel + commitment, plus λ_adv·hinge +
     * λ_feat·feature matching after warm-up.
     */
    private GeneratorPass generatorPass(int r, NDArray real, int quantizers, boolean adv, NDManager sm) {
        TrainingModels models = group.all().get(r);
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
        double stft;
        try (GradientCollector gc = engine.newGradientCollector()) {
            out = g.forward(real, quantizers, true, c);
            NDArray recLoss = mels.get(r).compute(real, out.audio());
            NDArray loss = recLoss.mul(c.like(config.lambdaRec(), recLoss)).add(out.quantizer().commitment());
            NDArray l1Term = null;
            if (config.lambdaL1() > 0) {
                l1Term = real.sub(out.audio()).abs().mean();
                loss = loss.add(l1Term.mul(c.like(config.lambdaL1(), l1Term)));
            }
            NDArray stftTerm = null;
            if (config.lambdaStft() > 0) {
                stftTerm = stfts.get(r).compute(real, out.audio());
                loss = loss.add(stftTerm.mul(c.like(config.lambdaStft(), stftTerm)));
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
                AdversarialLosses a = adversarials.get(r);
                advTerm = a.generatorHinge(fakeVerdicts);
                featTerm = a.featureMatching(realVerdicts, fakeVerdicts);
                loss = loss.add(advTerm.mul(c.like(config.lambdaAdv(), advTerm)))
                        .add(featTerm.mul(c.like(config.lambdaFeat(), featTerm)));
            }
            gc.backward(loss);
            rec = recLoss.getFloat();
            commit = out.quantizer().commitment().getFloat();
            total = loss.getFloat();
            l1 = l1Term == null ? Double.NaN : l1Term.getFloat();
            stft = stftTerm == null ? Double.NaN : stftTerm.getFloat();
            if (adv) {
                advLoss = advTerm.getFloat();
                feat = featTerm.getFloat();
            }
        }
        if (adv) {
            Gradients.setTrainable(dParams, true);
        }
        return new GeneratorPass(out, realVerdicts, rec, commit, advLoss, feat, l1, stft, total);
    }

    /**
     * The generator's update from the replicas' mean gradient, skipped when a loss or the gradient norm is not
     * finite; returns the losses averaged over replicas, with that norm.
     */
    private StepResult.GeneratorLosses generatorUpdate(List<GeneratorPass> passes, NDManager sm) {
        TrainingModels primary = group.primary();
        var gParams = primary.generatorParameters().values();
        group.averageGradients(TrainingModels::generatorParameters, sm);
        double gNorm = Gradients.norm(gParams, sm);
        double total = mean(passes, GeneratorPass::total);
        if (Double.isFinite(total) && Double.isFinite(gNorm)) {
            Gradients.clip(gParams, gNorm, config.gradClip(), sm);
            AdamW opt = primary.generatorOptimizer();
            opt.step(config.generatorLr() * Math.pow(config.lrDecay(), opt.steps()), config.beta1(), config.beta2(), sm);
        }
        return new StepResult.GeneratorLosses(mean(passes, GeneratorPass::reconstruction),
                mean(passes, GeneratorPass::commitment), mean(passes, GeneratorPass::adversarial),
                mean(passes, GeneratorPass::featureMatching), mean(passes, GeneratorPass::timeL1),
                mean(passes, GeneratorPass::stft), total, gNorm);
    }

    private static double mean(List<GeneratorPass> passes, java.util.function.ToDoubleFunction<GeneratorPass> f) {
        double sum = 0;
        for (GeneratorPass p : passes) {
            sum += f.applyAsDouble(p);
        }
        return sum / passes.size();
    }

    /** The replicas' quantizer outputs as one, on the primary's device, in batch order. */
    private static QuantizerOutput merged(List<GeneratorPass> passes, NDManager sm) {
        List<QuantizerOutput> outs = passes.stream().map(p -> p.out().quantizer()).toList();
        List<QuantizerOutput.LayerBatch> layers = new ArrayList<>();
        for (int i = 0; i < outs.get(0).layerBatches().size(); i++) {
            NDList frames = new NDList();
            NDList codes = new NDList();
            for (QuantizerOutput o : outs) {
                frames.add(here(o.layerBatches().get(i).frames(), sm));
                codes.add(here(o.layerBatches().get(i).codes(), sm));
            }
            layers.add(new QuantizerOutput.LayerBatch(NDArrays.concat(frames, 0), NDArrays.concat(codes, 0)));
        }
        NDList all = new NDList();
        outs.forEach(o -> all.add(here(o.codes(), sm)));
        return new QuantizerOutput(null, NDArrays.concat(all, 0), null, layers);
    }

    private static NDArray here(NDArray a, NDManager sm) {
        NDArray moved = a.toDevice(sm.getDevice(), false);
        moved.attach(sm);
        return moved;
    }

    /** EMA codebook update and dead-code replacement, drawn from (seed, step) so a resumed run repeats it. */
    private int[] learnCodebooks(long step, QuantizerOutput q) {
        return group.primary().generator().quantizer().updateCodebooks(q,
                new SeededRandom(Mixing.mix(config.seed(), step, 0xDEAD)));
    }

    /**
     * The discriminators' hinge update: each replica on its recorded real pass and its detached reconstruction,
     * the mean gradient applied on the primary.
     */
    private StepResult.DiscriminatorLosses discriminatorStep(List<GeneratorPass> passes, List<NDManager> scopes) {
        double dLoss = 0;
        for (int r = 0; r < group.size(); r++) {
            TrainingModels models = group.all().get(r);
            Gradients.zero(models.discriminatorParameters().values(), scopes.get(r));
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray fake = passes.get(r).out().audio().stopGradient();
                NDArray loss = adversarials.get(r).discriminatorHinge(passes.get(r).realVerdicts(),
                        models.discriminators().discriminate(fake, true));
                gc.backward(loss);
                dLoss += loss.getFloat() / (double) group.size();
            }
        }
        NDManager sm = scopes.get(0);
        TrainingModels primary = group.primary();
        var dParams = primary.discriminatorParameters().values();
        group.averageGradients(TrainingModels::discriminatorParameters, sm);
        double dNorm = Gradients.norm(dParams, sm);
        if (Double.isFinite(dLoss) && Double.isFinite(dNorm)) {
            Gradients.clip(dParams, dNorm, config.gradClip(), sm);
            AdamW opt = primary.discriminatorOptimizer();
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
