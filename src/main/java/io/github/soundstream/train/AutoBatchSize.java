package io.github.soundstream.train;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.BatchLoader;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.data.SyntheticClips;
import io.github.soundstream.engine.HostMemory;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import java.util.List;
import java.util.Locale;

/**
 * {@code --batch-size auto}: the largest batch per device, up to the recipe's, whose full GAN steps fit the memory
 * the devices have free. The recipe's batch is the ceiling because the learning rates are tuned for it: auto only
 * shrinks a batch that would not fit (the base preset's 8 × 2 s on a 12 GB card), it never grows one.
 *
 * <p>On a GPU, real GAN steps are tried, largest batch first, backing off on an out-of-memory error and keeping
 * {@link #HEADROOM} of the card free. On the CPU running out of memory kills the process instead of raising an
 * error, so the batch comes from the peak resident memory of real GAN steps at 1 and 2 clips (a fixed cost and a
 * cost per clip, as the README's table was derived) against the memory the process may use.
 */
public final class AutoBatchSize {
    /** Share of a device's memory left free: allocator slack, and longer clips in later epochs. */
    static final double HEADROOM = 0.1;
    private static final int PROBE_STEPS = 2;

    /** The batch chosen: per device, over all devices, and how it was found (for the log). */
    public record Choice(int perDevice, int total, String how) {
    }

    private final ModelConfig model;
    private final DiscriminatorConfig disc;
    private final TrainingConfig training;
    private final int clipSamples;

    public AutoBatchSize(ModelConfig model, DiscriminatorConfig disc, TrainingConfig training, int clipSamples) {
        this.model = model;
        this.disc = disc;
        this.training = training.toBuilder().discWarmupSteps(0).build(); // probe the heavier, adversarial step
        this.clipSamples = clipSamples;
    }

    /** The batch for {@code devices} (all GPUs, or CPU replicas), at most {@code ceiling} clips per device. */
    public Choice choose(List<Device> devices, int ceiling) {
        return devices.get(0).isGpu() ? onGpus(devices, ceiling) : onCpu(devices.size(), ceiling);
    }

    private Choice onGpus(List<Device> devices, int ceiling) {
        int perDevice = ceiling;
        StringBuilder how = new StringBuilder();
        for (Device d : devices) { // cards may differ: the smallest fit sets every replica's share
            int fit = largestFittingOn(d, perDevice);
            how.append(how.length() == 0 ? "" : ", ").append(d).append(": ").append(fit);
            perDevice = Math.min(perDevice, fit);
        }
        return new Choice(perDevice, perDevice * devices.size(), String.format(Locale.ROOT,
                "GAN steps tried on each GPU, largest first, %.0f %% of memory kept free (%s)", HEADROOM * 100, how));
    }

    private int largestFittingOn(Device device, int ceiling) {
        for (int b = ceiling; b > 1; b--) {
            try {
                runSteps(b, device);
                java.lang.management.MemoryUsage mem = CudaUtils.getGpuMemory(device);
                if (mem.getUsed() <= (1 - HEADROOM) * mem.getMax()) {
                    return b;
                }
            } catch (EngineException e) {
                if (!isOutOfMemory(e)) {
                    throw e;
                }
            } finally {
                JniUtils.emptyCudaCache();
            }
        }
        return 1;
    }

    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("out of memory")) {
                return true;
            }
        }
        return false;
    }

    private Choice onCpu(int replicas, int ceiling) {
        double one = peakOfSteps(1);
        double two = peakOfSteps(2);
        return onCpu(one, two, HostMemory.usableMb(), replicas, ceiling);
    }

    /**
     * The CPU's choice from the peaks (MB) of steps at 1 and 2 clips and the memory the process may use: replicas
     * on the CPU share one memory, so each gets its share of the clips that fit.
     */
    static Choice onCpu(double one, double two, double usableMb, int replicas, int ceiling) {
        double perClip = Math.max(1, two - one);
        double fixed = Math.max(0, one - perClip);
        double usable = usableMb * (1 - HEADROOM);
        int fits = (int) Math.floor((usable - fixed) / perClip);
        int perDevice = Math.max(1, Math.min(ceiling, fits / replicas));
        return new Choice(perDevice, perDevice * replicas, String.format(Locale.ROOT,
                "peak memory of GAN steps at 1 and 2 clips: %.0f MB + %.0f MB per clip; %.0f MB usable after %.0f %% "
                        + "headroom fits %d clips", fixed, perClip, usable, HEADROOM * 100, Math.max(0, fits)));
    }

    /** Peak resident memory, MB, over real GAN steps at {@code batch} clips on the CPU. */
    private double peakOfSteps(int batch) {
        boolean fresh = HostMemory.resetPeak(); // without it the peak only rises: still a valid upper bound
        double before = fresh ? 0 : HostMemory.peakMb();
        runSteps(batch, Device.cpu());
        return Math.max(before, HostMemory.peakMb());
    }

    private void runSteps(int batch, Device device) {
        try (TrainingModels models = new TrainingModels(model, disc, training.seed(), device);
                BatchLoader loader = new BatchLoader(new SyntheticClips(training.seed(), batch, model.sampleRate(),
                        clipSamples), batch, clipSamples, training.seed(), 0, DataPosition.START)) {
            TrainingStep step = new TrainingStep(models, training);
            for (int i = 0; i < PROBE_STEPS; i++) {
                step.run(i, loader.next());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("synthetic clips for the batch probe", e); // generated in memory
        }
    }
}
