package io.github.soundstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.model.SoundStreamGenerator;
import io.github.soundstream.tensorboard.SpectrogramImage;
import io.github.soundstream.tensorboard.SummaryWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * What a run reports: TensorBoard scalars every log interval (every loss term, learning rates, gradient norms,
 * quantizers used, steps/s, data wait; per layer: perplexity and codes used in the batch, codes used in any batch
 * since the last log, codes replaced), audio and mel spectrograms of fixed validation clips at 1.5, 3 and 6 kbit/s
 * every sample interval, and a progress line.
 */
final class TrainingTelemetry implements AutoCloseable {
    private static final double[] SAMPLE_KBPS = {1.5, 3, 6};

    private final SummaryWriter writer;
    private final PrintStream console;
    private final boolean quiet;
    private final boolean interactive;
    private final long maxSteps;
    private final long logInterval;
    private final int[] replacedSinceLog;
    private final BitSet[] usedSinceLog;
    private final List<ai.djl.Device> devices;
    private long lastLogStep = -1;
    private long lastLogNanos = System.nanoTime();
    private double lastDataWait;

    TrainingTelemetry(SummaryWriter writer, PrintStream console, boolean quiet, long maxSteps, long logInterval,
            int quantizers, List<ai.djl.Device> devices) {
        this.devices = devices;
        this.writer = writer;
        this.console = console;
        this.quiet = quiet;
        this.interactive = System.console() != null;
        this.maxSteps = maxSteps;
        this.logInterval = logInterval;
        this.replacedSinceLog = new int[quantizers];
        this.usedSinceLog = new BitSet[quantizers];
        java.util.Arrays.setAll(usedSinceLog, i -> new BitSet());
    }

    void step(StepResult r, double gLr, double dLr, double dataWaitSeconds, long startStep) {
        for (int i = 0; i < r.codesReplaced().length; i++) {
            replacedSinceLog[i] += r.codesReplaced()[i];
        }
        for (int layer = 0; layer < r.codes().length; layer++) {
            for (long code : r.codes()[layer]) {
                usedSinceLog[layer].set((int) code);
            }
        }
        if (r.step() % logInterval != 0 && r.step() != startStep) {
            return;
        }
        long now = System.nanoTime();
        double stepsPerSecond = lastLogStep < 0 ? Double.NaN : (r.step() - lastLogStep) / ((now - lastLogNanos) / 1e9);
        long s = r.step();
        writer.scalar("loss/reconstruction", s, r.reconstruction());
        writer.scalar("loss/commitment", s, r.commitment());
        if (Double.isFinite(r.generator().timeL1())) {
            writer.scalar("loss/time_l1", s, r.generator().timeL1());
        }
        if (Double.isFinite(r.generator().stft())) {
            writer.scalar("loss/stft", s, r.generator().stft());
        }
        writer.scalar("loss/generator_total", s, r.generatorTotal());
        if (r.adversarial()) {
            writer.scalar("loss/adversarial", s, r.adversarialLoss());
            writer.scalar("loss/feature_matching", s, r.featureMatching());
            writer.scalar("loss/discriminator", s, r.discriminatorLoss());
            writer.scalar("grad_norm/discriminator", s, r.discriminatorGradNorm());
            writer.scalar("lr/discriminator", s, dLr);
        }
        writer.scalar("grad_norm/generator", s, r.generatorGradNorm());
        writer.scalar("lr/generator", s, gLr);
        writer.scalar("quantizer/layers_used", s, r.quantizers());
        writer.scalar("speed/data_wait_seconds", s, dataWaitSeconds - lastDataWait);
        if (!Double.isNaN(stepsPerSecond)) {
            writer.scalar("speed/steps_per_second", s, stepsPerSecond);
        }
        for (int layer = 0; layer < r.codes().length; layer++) {
            writer.scalar("codebook/perplexity_layer" + layer, s, r.perplexity(layer));
            writer.scalar("codebook/codes_in_use_layer" + layer, s, r.codesInUse(layer));
        }
        for (int layer = 0; layer < replacedSinceLog.length; layer++) {
            // a batch of a few hundred frames can use at most that many codes: the union since the last log says
            // how much of the codebook the data actually reaches
            writer.scalar("codebook/codes_used_since_last_log_layer" + layer, s, usedSinceLog[layer].cardinality());
            usedSinceLog[layer].clear();
            writer.scalar("codebook/codes_replaced_layer" + layer, s, replacedSinceLog[layer]);
            replacedSinceLog[layer] = 0;
        }
        List<DeviceMemory> memory = DeviceMemory.of(devices);
        for (DeviceMemory m : memory) {
            writer.scalar("device/" + m.name() + "_memory_used_mb", s, m.usedMb());
            writer.scalar("device/" + m.name() + "_memory_total_mb", s, m.totalMb());
        }
        progress(r, stepsPerSecond, memory);
        lastLogStep = s;
        lastLogNanos = now;
        lastDataWait = dataWaitSeconds;
    }

    private void progress(StepResult r, double stepsPerSecond, List<DeviceMemory> memory) {
        if (quiet) {
            return;
        }
        String eta = Double.isNaN(stepsPerSecond) || stepsPerSecond <= 0 ? "--:--"
                : duration((maxSteps - r.step()) / stepsPerSecond);
        String line = String.format(Locale.ROOT, "step %d/%d | rec %.3f commit %.4f%s | %s steps/s | ETA %s | %s%s",
                r.step(), maxSteps, r.reconstruction(), r.commitment(),
                r.adversarial() ? String.format(Locale.ROOT, " adv %.3f feat %.4f d %.3f", r.adversarialLoss(),
                        r.featureMatching(), r.discriminatorLoss()) : " (warm-up)",
                Double.isNaN(stepsPerSecond) ? "-" : String.format(Locale.ROOT, "%.2f", stepsPerSecond), eta,
                memory.stream().map(DeviceMemory::brief).collect(java.util.stream.Collectors.joining(", ")),
                r.skipped() ? " | SKIPPED (non-finite)" : "");
        if (interactive) {
            console.print("\r" + line + "   ");
        } else {
            console.println(line);
        }
        console.flush();
    }

    /** Reconstructions of the validation clips at each sample bitrate: audio and side-by-side mel images. */
    void samples(long step, SoundStreamGenerator g, List<float[]> clips, NDManager parent) {
        ModelConfig config = g.config();
        for (int i = 0; i < clips.size(); i++) {
            float[] clip = clips.get(i);
            writer.audio("audio/clip" + i + "/original", step, clip, config.sampleRate());
            for (int n : sampleLayers(config)) {
                try (NDManager m = parent.newSubManager()) {
                    NDArray x = m.create(clip, new Shape(1, 1, clip.length));
                    float[] y = g.decode(g.encode(x, n), clip.length).toFloatArray();
                    String tag = "clip" + i + "/" + kbps(config.bitrate(n)) + "kbps";
                    writer.audio("audio/" + tag, step, y, config.sampleRate());
                    writer.image("mel/" + tag + "_original_vs_reconstruction", step,
                            SpectrogramImage.render(config.sampleRate(), clip, y));
                }
            }
        }
    }

    /** Layer counts closest to 1.5, 3 and 6 kbit/s for this model, without repeats. */
    static java.util.SortedSet<Integer> sampleLayers(ModelConfig config) {
        java.util.SortedSet<Integer> layers = new java.util.TreeSet<>();
        for (double kbps : SAMPLE_KBPS) {
            layers.add((int) Math.min(config.numQuantizers(),
                    Math.max(1, Math.round(kbps * 1000 / (config.bitsPerCode() * config.frameRate())))));
        }
        return layers;
    }

    /** "6", "1.5", "0.4": bitrate in kbit/s without trailing zeros. */
    static String kbps(double bitsPerSecond) {
        return new java.math.BigDecimal(bitsPerSecond / 1000).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString();
    }

    void text(String tag, long step, String markdown) {
        writer.text(tag, step, markdown);
    }

    void endLine() {
        if (!quiet && interactive) {
            console.println();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
