package io.github.soundstream.bench;

import ai.djl.Device;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.engine.HostMemory;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.train.Trainer;
import io.github.soundstream.train.TrainingModels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Memory one GAN training step needs: resident memory after the models and optimizer states exist, and the peak
 * (VmHWM) over {@code steps} full GAN steps. Usage: {@code StepMemory preset batch seconds [steps]}; one JVM per
 * configuration, so peaks do not mix.
 */
public final class StepMemory {
    public static void main(String[] args) throws Exception {
        String preset = args[0];
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        EngineSetup.configure(2);
        ModelConfig model = ModelConfig.preset(preset);
        DiscriminatorConfig disc = DiscriminatorConfig.standard();
        DataConfig data = new DataConfig(null, 24000, seconds, batch, 0, 64);
        TrainingConfig training = TrainingConfig.builder().maxSteps(steps).discWarmupSteps(0)
                .saveInterval(Long.MAX_VALUE / 2).maxCheckpoints(1).sampleInterval(Long.MAX_VALUE / 2).logInterval(1000)
                .build();
        Path tmp = Files.createTempDirectory("stepmem");
        Trainer.Setup setup = new Trainer.Setup("bench", "mem", "bench", model, disc, data, training, tmp.resolve("ck"),
                tmp.resolve("logs"));
        try (TrainingModels models = new TrainingModels(model, disc, 42, Device.cpu())) {
            double base = HostMemory.currentMb();
            long t0 = System.nanoTime();
            new Trainer(setup, models, new SyntheticClips(42, 64, 24000, data.clipSamples()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true)
                    .run(0, DataPosition.START, 0, new AtomicBoolean());
            System.out.printf(Locale.ROOT, "%s batch %d x %.1f s: RSS after init %.0f MB, peak %.0f MB, %.1f s/step%n",
                    preset, batch, seconds, base, HostMemory.peakMb(), (System.nanoTime() - t0) / 1e9 / steps);
        }
    }
}
