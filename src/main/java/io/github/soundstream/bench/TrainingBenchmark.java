package io.github.soundstream.bench;

import ai.djl.Device;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.train.Trainer;
import io.github.soundstream.train.TrainingModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Seconds per full GAN step (discriminators included, no warm-up phase) on the synthetic corpus, after one
 * untimed step, on the convolution kernels the start-up check picks, as the real thing does.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    public static Stats run(String preset, int batch, double seconds, int steps) throws IOException {
        ModelConfig model = ModelConfig.preset(preset);
        DiscriminatorConfig disc = DiscriminatorConfig.standard();
        DataConfig data = new DataConfig(null, model.sampleRate(), seconds, batch, 1, 64);
        TrainingConfig training = TrainingConfig.builder().maxSteps(steps + 1).discWarmupSteps(0)
                .saveInterval(Long.MAX_VALUE / 2).maxCheckpoints(1).sampleInterval(Long.MAX_VALUE / 2).logInterval(1000)
                .build();
        Path tmp = Files.createTempDirectory("bench");
        Trainer.Setup setup = new Trainer.Setup("bench", "bench", "bench", model, disc, data, training, tmp.resolve("ck"),
                tmp.resolve("logs"));
        List<Double> times = new ArrayList<>();
        long[] last = {System.nanoTime()};
        try (TrainingModels models = new TrainingModels(model, disc, 42, Device.cpu())) {
            models.checkConvolutions(); // the kernels training would use, chosen as training chooses them
            new Trainer(setup, models, new SyntheticClips(42, 64, model.sampleRate(), data.clipSamples()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true).onStep(r -> {
                        long now = System.nanoTime();
                        if (r.step() > 0) {
                            times.add((now - last[0]) / 1e9);
                        }
                        last[0] = now;
                    }).run(0, DataPosition.START, 0, new AtomicBoolean());
        } finally {
            deleteQuietly(tmp);
        }
        return Stats.of(times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
