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
import io.github.soundstream.train.TrainingSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Training speed and resident memory over many steps on the synthetic corpus.
 * Usage: {@code TrainingSoak preset steps batch seconds warmup threads [sampleEvery]}. Prints seconds per step
 * (median over warm-up and GAN steps separately) and VmRSS every {@code sampleEvery} steps.
 */
public final class TrainingSoak {
    public static void main(String[] args) throws Exception {
        String preset = args[0];
        long steps = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        long warmup = Long.parseLong(args[4]);
        int threads = Integer.parseInt(args[5]);
        long every = args.length > 6 ? Long.parseLong(args[6]) : 50;
        EngineSetup.configure(threads);
        ModelConfig model = ModelConfig.preset(preset);
        DiscriminatorConfig disc = DiscriminatorConfig.standard();
        DataConfig data = new DataConfig(null, 24000, seconds, batch, 2, 256);
        TrainingConfig training = TrainingConfig.builder().maxSteps(steps).discWarmupSteps(warmup)
                .saveInterval(Long.MAX_VALUE / 2).maxCheckpoints(1).sampleInterval(Long.MAX_VALUE / 2).logInterval(1000)
                .build();
        Path tmp = Files.createTempDirectory("soak");
        Trainer.Setup setup = new Trainer.Setup("bench", "soak", "bench", model, disc, data, training, tmp.resolve("ck"),
                tmp.resolve("logs"));
        List<Double> warmTimes = new ArrayList<>();
        List<Double> ganTimes = new ArrayList<>();
        long[] last = {System.nanoTime()};
        System.out.printf(Locale.ROOT, "%s, batch %d x %.1f s, %d threads, warm-up %d of %d steps%n", preset, batch,
                seconds, threads, warmup, steps);
        System.out.println("step,rss_mb");
        try (TrainingModels models = new TrainingModels(model, disc, 42, Device.cpu())) {
            Trainer trainer = new Trainer(setup, models, new SyntheticClips(42, 256, 24000, data.clipSamples()),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true).onStep(r -> {
                        long now = System.nanoTime();
                        double dt = (now - last[0]) / 1e9;
                        last[0] = now;
                        if (r.step() > 0) {
                            (r.adversarial() ? ganTimes : warmTimes).add(dt);
                        }
                        if ((r.step() + 1) % every == 0) {
                            System.out.printf(Locale.ROOT, "%d,%.0f%n", r.step() + 1, HostMemory.currentMb());
                            System.out.flush();
                        }
                    });
            TrainingSummary s = trainer.run(0, DataPosition.START, 0, new AtomicBoolean());
            System.out.printf(Locale.ROOT, "steps %d; seconds/step: warm-up median %.3f, GAN median %.3f; "
                    + "peak RSS %.0f MB%n", s.finalStep(), median(warmTimes), median(ganTimes), HostMemory.peakMb());
        }
    }


    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> c = new ArrayList<>(v);
        c.sort(null);
        return c.get(c.size() / 2);
    }
}
