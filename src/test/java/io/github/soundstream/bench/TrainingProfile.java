package io.github.soundstream.bench;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.train.Trainer;
import io.github.soundstream.train.TrainingModels;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a GAN training step's time goes, operator by operator: PyTorch's profiler (through DJL) around {@code
 * STEPS} full steps after an unprofiled one, written as a Chrome trace ({@code scripts/trace-summary.py} sums it
 * by operator, self time). Usage: {@code TrainingProfile OUT.json [PRESET] [BATCH] [SECONDS] [STEPS] [THREADS]}.
 */
public final class TrainingProfile {
    private TrainingProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String preset = args.length > 1 ? args[1] : "tiny";
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        EngineSetup.configure(args.length > 5 ? Integer.parseInt(args[5]) : 2);
        ModelConfig model = ModelConfig.preset(preset);
        DiscriminatorConfig disc = DiscriminatorConfig.standard();
        DataConfig data = new DataConfig(null, model.sampleRate(), seconds, batch, 1, 64);
        TrainingConfig training = TrainingConfig.builder().maxSteps(steps + 1).discWarmupSteps(0)
                .saveInterval(Long.MAX_VALUE / 2).maxCheckpoints(1).sampleInterval(Long.MAX_VALUE / 2)
                .logInterval(1000).build();
        Path tmp = Files.createTempDirectory("profile");
        Trainer.Setup setup = new Trainer.Setup("profile", "profile", "profile", model, disc, data, training,
                tmp.resolve("ck"), tmp.resolve("logs"));
        long[] started = {0};
        try (TrainingModels models = new TrainingModels(model, disc, 42, Device.cpu())) {
            models.checkConvolutions();
            new Trainer(setup, models, new SyntheticClips(42, 64, model.sampleRate(), data.clipSamples()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true).onStep(r -> {
                        if (r.step() == 0) {
                            JniUtils.startProfile(false, true, false);
                            started[0] = System.nanoTime();
                        } else if (r.step() == steps) {
                            double s = (System.nanoTime() - started[0]) / 1e9;
                            JniUtils.stopProfile(out.toString());
                            System.out.printf("%d steps profiled in %.2f s (%.2f s/step, profiler included)%n",
                                    steps, s, s / steps);
                        }
                    }).run(0, DataPosition.START, 0, new AtomicBoolean());
        }
    }
}
