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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GAN step in its own NDManager scope (one per replica; see {@link ReplicaGroup}: with one replica this is
 * plain single-device training). During the discriminator warm-up the generator trains on
 * reconstruction + commitment only and the discriminators are neither run nor updated. Afterwards: a generator step
 * (discriminator parameters frozen for the fake pass, so no wasted gradients) on λ_adv·hinge + λ_feat·feature
 * matching + λ_rec·mel + commitment (weighed by the {@link LossBalancer} if asked), then a discriminator step on
 * the detached reconstruction and the generator step's recorded real pass. A non-finite loss or gradient norm
 * skips that network's update (and the codebook update) and is reported.
 */
final class TrainingStep {
    private static final String REC = "mel";
    private static final String L1 = "l1";
    private static final String STFT = "stft";
    private static final String ADV = "adversarial";
    private static final String FEAT = "feature_matching";
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
            if (config.lossBalancer()) {
                balance(passes);
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

    /**
     * What one replica's generator pass leaves for the rest of the step; with the loss balancer, also each loss's
     * gradient with respect to the audio, its backward still to run ({@link #balance}).
     */
    private record GeneratorPass(SoundStreamGenerator.Output out, List<DiscriminatorOutput> realVerdicts,
            double reconstruction, double commitment, double adversarial, double featureMatching, double timeL1,
            double stft, double total, Map<String, NDArray> audioGradients) {
    }

    /**
     * Replica {@code r}'s generator gradients on its share: λ_rec·mel + commitment (+ λ_l1·L1 + λ_stft·STFT), plus
     * λ_adv·hinge + λ_feat·feature matching after warm-up. With the loss balancer, the losses are taken on a
     * detached copy of the audio and only their gradients there are kept: the backward through the generator
     * waits until {@link #balance} has weighed them.
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
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, NDArray> audioGradients = null;
        double total;
        try (GradientCollector gc = engine.newGradientCollector()) {
            out = g.forward(real, quantizers, true, c);
            NDArray judged = config.lossBalancer() ? AudioGradients.leaf(out.audio()) : out.audio();
            Map<String, NDArray> terms = new LinkedHashMap<>();
            terms.put(REC, mels.get(r).compute(real, judged));
            if (config.lambdaL1() > 0) {
                terms.put(L1, real.sub(judged).abs().mean());
            }
            if (config.lambdaStft() > 0) {
                terms.put(STFT, stfts.get(r).compute(real, judged));
            }
            if (adv) {
                // The real pass is recorded with the discriminators trainable, and the discriminator step reuses it
                // (their parameters do not change in between): one discriminator forward less per step. Feature
                // matching detaches it, so the generator's backward never enters it. The fake pass runs frozen, so
                // that backward computes no discriminator weight gradients.
                realVerdicts = models.discriminators().discriminate(real, true);
                Gradients.setTrainable(dParams, false);
                List<DiscriminatorOutput> fakeVerdicts = models.discriminators().discriminate(judged, true);
                AdversarialLosses a = adversarials.get(r);
                terms.put(ADV, a.generatorHinge(fakeVerdicts));
                terms.put(FEAT, a.featureMatching(realVerdicts, fakeVerdicts));
            }
            NDArray loss = null;
            for (Map.Entry<String, NDArray> t : terms.entrySet()) {
                NDArray weighted = t.getValue().mul(c.like(weight(t.getKey()), t.getValue()));
                loss = loss == null ? weighted.add(out.quantizer().commitment()) : loss.add(weighted);
            }
            if (config.lossBalancer()) {
                audioGradients = AudioGradients.of(terms, judged);
            } else {
                gc.backward(loss);
            }
            terms.forEach((name, term) -> values.put(name, (double) term.getFloat()));
            total = loss.getFloat();
        }
        if (adv) {
            Gradients.setTrainable(dParams, true);
        }
        return new GeneratorPass(out, realVerdicts, values.get(REC), out.quantizer().commitment().getFloat(),
                values.getOrDefault(ADV, Double.NaN), values.getOrDefault(FEAT, Double.NaN),
                values.getOrDefault(L1, Double.NaN), values.getOrDefault(STFT, Double.NaN), total, audioGradients);
    }

    private double weight(String term) {
        return switch (term) {
            case REC -> config.lambdaRec();
            case L1 -> config.lambdaL1();
            case STFT -> config.lambdaStft();
            case ADV -> config.lambdaAdv();
            case FEAT -> config.lambdaFeat();
            default -> throw new IllegalArgumentException(term);
        };
    }

    /**
     * The loss balancer's half of the generator's backward: each loss's per-clip gradient norm, averaged over the
     * batch, goes into the one running average (the primary's); each replica then runs its backward from
     * Σ scale_i · ∂loss_i/∂audio into the generator, with the commitment loss beside it unscaled (it does not
     * reach the audio).
     */
    private void balance(List<GeneratorPass> passes) {
        int replicas = passes.size();
        Map<String, Double> norms = new LinkedHashMap<>();
        for (GeneratorPass p : passes) {
            // a replica's losses are means over its share of the batch, so their gradients are R× the whole
            // batch's: divided by R, the norms (and so the update) are those of one device with the whole batch
            p.audioGradients().forEach((name, grad) -> norms.merge(name, AudioGradients.meanClipNorm(grad)
                    / replicas / replicas, Double::sum));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        norms.keySet().forEach(name -> weights.put(name, weight(name)));
        Map<String, Double> scales = group.primary().lossBalancer().scales(weights, norms);
        for (int r = 0; r < passes.size(); r++) {
            GeneratorPass p = passes.get(r);
            NDArray combined = AudioGradients.combine(p.audioGradients(), scales);
            try (GradientCollector gc = engine.newGradientCollector()) {
                gc.backward(p.out().audio().mul(combined).sum().add(p.out().quantizer().commitment()));
            }
        }
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
