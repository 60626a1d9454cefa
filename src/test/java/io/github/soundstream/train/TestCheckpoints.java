package io.github.soundstream.train;

import ai.djl.Device;
import io.github.soundstream.config.TrainingConfig;
import io.github.soundstream.data.DataPosition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real checkpoint of the micro model after two training steps (8 kHz, 4 layers of 16 codes), for codec tests. */
public final class TestCheckpoints {
    private TestCheckpoints() {
    }

    public static Path micro(Path dir, long seed) throws IOException {
        TrainingConfig t = TrainingConfig.builder().maxSteps(2).generatorLr(1e-3).discriminatorLr(1e-3)
                .discWarmupSteps(5).saveInterval(2).maxCheckpoints(1).logInterval(1).seed(seed).build();
        Trainer.Setup setup = TrainingFixtures.setup(dir, t);
        try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), seed, Device.cpu())) {
            return new Trainer(setup, models, TrainingFixtures.clips(),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), true)
                    .run(0, DataPosition.START, 0, new AtomicBoolean()).lastCheckpoint();
        }
    }

    /** Copies checkpoint {@code source} to {@code target} with its meta.properties edited by {@code edit}. */
    public static Path withMeta(Path source, Path target, java.util.function.Consumer<java.util.Properties> edit)
            throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(source.toFile());
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
                        java.nio.file.Files.newOutputStream(target))) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(io.github.soundstream.checkpoint.CheckpointFile.META)) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(new java.io.ByteArrayInputStream(content));
                    edit.accept(p);
                    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                    p.store(b, null);
                    content = b.toByteArray();
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return target;
    }
}