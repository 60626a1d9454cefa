package io.github.soundstream.checkpoint;

import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataConfig;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.gan.DiscriminatorConfig;
import io.github.soundstream.model.ModelConfig;
import java.util.Properties;

/**
 * Everything in a checkpoint besides the tensors: configurations, where training stands, and provenance. Stored as
 * {@code meta.properties}, format {@value #FORMAT}; format 1 (before run ids) is read too. A configuration key that
 * an older checkpoint lacks takes its value from {@link #DEFAULTS}, so adding a field to a configuration never
 * orphans existing checkpoints: give the new field the value that reproduces the old behaviour there.
 *
 * @param version       project version that wrote it
 * @param runName       TensorBoard run the training logs to (a resumed run keeps logging there)
 * @param runId         the run's identity in a shared checkpoint folder (random, 8 hex digits; a resumed run
 *                      keeps it). Checkpoints written before it existed read as {@code legacy-<runName>}
 * @param step          optimizer steps completed
 * @param position      next batch of the data order
 * @param skippedSteps  steps skipped for non-finite losses or gradients so far
 */
public record CheckpointMeta(String version, String runName, String runId, ModelConfig model, DiscriminatorConfig discriminators,
        DataConfig data, TrainingConfig training, long step, DataPosition position, long skippedSteps) {

    public static final String FORMAT = "soundstream-checkpoint/2";
    private static final String FORMAT_1 = "soundstream-checkpoint/1";

    /**
     * Values for configuration keys a checkpoint lacks: the model and discriminators of the Python original's
     * defaults (base, standard), its data and training settings. Every key that exists today is written by every
     * checkpoint, so these fill only fields added after a checkpoint was written.
     */
    public static final java.util.Map<Class<? extends Record>, Record> DEFAULTS = java.util.Map.of(
            ModelConfig.class, ModelConfig.base().withUpsampler("free"),
            DiscriminatorConfig.class, DiscriminatorConfig.standard(),
            DataConfig.class, new DataConfig(null, 24000, 2.0, 8, 4, 256),
            TrainingConfig.class, TrainingConfig.builder().build());

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("version", version);
        p.setProperty("runName", runName);
        p.setProperty("runId", runId);
        p.setProperty("step", Long.toString(step));
        p.setProperty("position.epoch", Integer.toString(position.epoch()));
        p.setProperty("position.batch", Integer.toString(position.batch()));
        p.setProperty("skippedSteps", Long.toString(skippedSteps));
        RecordProperties.write("model", model, p);
        RecordProperties.write("discriminators", discriminators, p);
        RecordProperties.write("data", data, p);
        RecordProperties.write("training", training, p);
        return p;
    }

    public static CheckpointMeta fromProperties(Properties p) {
        if (!FORMAT.equals(p.getProperty("format")) && !FORMAT_1.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException("not a soundstream checkpoint (format " + p.getProperty("format") + ")");
        }
        String runName = p.getProperty("runName", "run");
        return new CheckpointMeta(p.getProperty("version", "unknown"), runName,
                p.getProperty("runId", "legacy-" + runName),
                RecordProperties.read("model", ModelConfig.class, p, DEFAULTS.get(ModelConfig.class)),
                RecordProperties.read("discriminators", DiscriminatorConfig.class, p, DEFAULTS.get(DiscriminatorConfig.class)),
                RecordProperties.read("data", DataConfig.class, p, DEFAULTS.get(DataConfig.class)),
                RecordProperties.read("training", TrainingConfig.class, p, DEFAULTS.get(TrainingConfig.class)),
                number(p, "step"), new DataPosition((int) number(p, "position.epoch"),
                        (int) number(p, "position.batch")),
                p.getProperty("skippedSteps") == null ? 0 : number(p, "skippedSteps"));
    }

    private static long number(Properties p, String key) {
        String s = p.getProperty(key);
        try {
            long v = Long.parseLong(s == null ? "" : s.trim());
            if (v < 0 || !key.equals("step") && !key.equals("skippedSteps") && v > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s == null ? "checkpoint lacks " + key : "bad value for " + key + ": " + s);
        }
    }
}
