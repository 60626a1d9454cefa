package io.github.soundstream.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.engine.Denormals;
import io.github.soundstream.engine.TrustedConvolutions;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.gan.Discriminators;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.nn.Constants;
import io.github.soundstream.nn.Convolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generator, discriminators, their optimizers and the loss balancer on one device, with the long-lived manager they
 * live on.
 */
public final class TrainingModels implements AutoCloseable {
    private final NDManager manager;
    private final Constants constants;
    private final SoundStreamGenerator generator;
    private final Discriminators discriminators;
    private final Map<String, Parameter> generatorParameters;
    private final Map<String, Parameter> discriminatorParameters;
    private final AdamW generatorOptimizer;
    private final AdamW discriminatorOptimizer;
    private final LossBalancer lossBalancer = new LossBalancer();

    public TrainingModels(ModelConfig model, DiscriminatorConfig disc, long seed, Device device) {
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
        Denormals.flushToZero(); // before the first operator here: the intra-op threads inherit it
        this.constants = new Constants(manager);
        Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
        this.generator = new SoundStreamGenerator(model);
        generator.initialize(manager, DataType.FLOAT32);
        this.discriminators = new Discriminators(disc, model.sampleRate(), constants);
        discriminators.initialize(manager, DataType.FLOAT32);
        this.generatorParameters = trainable(generator);
        this.discriminatorParameters = trainable(discriminators);
        this.generatorOptimizer = new AdamW(generatorParameters, TrainingConfig.BETA1, TrainingConfig.BETA2,
                TrainingConfig.ADAM_EPSILON, TrainingConfig.WEIGHT_DECAY, manager);
        this.discriminatorOptimizer = new AdamW(discriminatorParameters, TrainingConfig.BETA1, TrainingConfig.BETA2,
                TrainingConfig.ADAM_EPSILON, TrainingConfig.WEIGHT_DECAY, manager);
    }

    private static Map<String, Parameter> trainable(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (var e : block.getParameters()) {
            if (e.getValue().requiresGradient()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Loads weights (and optionally optimizer states) from a checkpoint of the same configuration. */
    public void load(Path checkpoint, boolean withOptimizers) throws IOException {
        CheckpointFile.loadParameters(checkpoint, CheckpointFile.GENERATOR, generator, manager);
        CheckpointFile.loadParameters(checkpoint, CheckpointFile.DISCRIMINATORS, discriminators, manager);
        // loaded arrays come without gradients attached
        for (Parameter p : generatorParameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
        for (Parameter p : discriminatorParameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
        if (withOptimizers) {
            CheckpointFile.read(checkpoint, CheckpointFile.GENERATOR_OPTIMIZER, generatorOptimizer::load);
            CheckpointFile.read(checkpoint, CheckpointFile.DISCRIMINATOR_OPTIMIZER, discriminatorOptimizer::load);
            if (CheckpointFile.has(checkpoint, CheckpointFile.LOSS_BALANCER)) {
                CheckpointFile.read(checkpoint, CheckpointFile.LOSS_BALANCER, lossBalancer::load);
            }
        }
    }

    void save(Path file, CheckpointMeta meta) throws IOException {
        Map<String, CheckpointFile.EntryWriter> entries = new LinkedHashMap<>();
        entries.put(CheckpointFile.GENERATOR, generator::saveParameters);
        entries.put(CheckpointFile.DISCRIMINATORS, discriminators::saveParameters);
        entries.put(CheckpointFile.GENERATOR_OPTIMIZER, generatorOptimizer::save);
        entries.put(CheckpointFile.DISCRIMINATOR_OPTIMIZER, discriminatorOptimizer::save);
        entries.put(CheckpointFile.LOSS_BALANCER, lossBalancer::save);
        CheckpointFile.write(file, meta, entries);
    }

    public NDManager manager() {
        return manager;
    }

    public Constants constants() {
        return constants;
    }

    public SoundStreamGenerator generator() {
        return generator;
    }

    public Discriminators discriminators() {
        return discriminators;
    }

    /**
     * Checks every convolution of both networks against float64 on this processor, falling back to PyTorch's own
     * kernels or refusing (see {@link TrustedConvolutions}); returns the line it logged. CPU only: CUDA uses cuDNN.
     */
    public String checkConvolutions() {
        return TrustedConvolutions.ensure(Convolution.census(generator, discriminators));
    }

    Map<String, Parameter> generatorParameters() {
        return generatorParameters;
    }

    Map<String, Parameter> discriminatorParameters() {
        return discriminatorParameters;
    }

    AdamW generatorOptimizer() {
        return generatorOptimizer;
    }

    AdamW discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** The loss balancer's state; used on the primary replica only (the replicas' norms are averaged into it). */
    LossBalancer lossBalancer() {
        return lossBalancer;
    }

    @Override
    public void close() {
        manager.close();
    }
}
