package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.codec.ModelFingerprint;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.model.ModelConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by the toolkit before run ids and format 2 (committed: 455 KB, a 2-channel model after two
 * steps, no wave discriminators) keeps loading: metadata, the codec, and a resume with optimizer state.
 */
class CheckpointFormatTest {
    @TempDir
    static Path dir;
    private static Path fixture;

    @BeforeAll
    static void copyFixture() throws IOException {
        EngineSetup.configure(1);
        fixture = dir.resolve("format1-micro.ckpt");
        try (InputStream in = CheckpointFormatTest.class.getResourceAsStream("/checkpoints/format1-micro.ckpt")) {
            Files.copy(in, fixture);
        }
    }

    @Test
    void aFormatOneCheckpointKeepsLoading() throws IOException {
        CheckpointMeta meta = CheckpointFile.readMeta(fixture);
        assertEquals(new ModelConfig(2, 8, List.of(2, 4, 5, 8), 4, 16, 8000).withUpsampler("free"), meta.model(),
                "written before the upsampler field: the free upsamplers it was trained with");
        assertEquals(2, meta.step());
        assertEquals("legacy-fixture", meta.runId());
        try (SoundStreamCodec codec = SoundStreamCodec.load(fixture)) {
            // the fingerprint covers the configuration and every codebook value; 637c4689 is what the code that
            // wrote this checkpoint computed from it (commit 388186b): loading changed nothing
            assertEquals("637c4689", ModelFingerprint.hex(codec.fingerprint()));
        }
        try (TrainingModels models = new TrainingModels(meta.model(), meta.discriminators(), 1, Device.cpu())) {
            models.load(fixture, true);
            assertEquals(2, models.generatorOptimizer().steps());
        }
    }

    @Test
    void aConfigurationKeyAnOlderCheckpointLacksTakesItsDocumentedDefault() throws IOException {
        Path older = TestCheckpoints.withMeta(fixture, dir.resolve("older.ckpt"), p -> {
            p.remove("training.quantizerDropout");
            p.remove("data.workers");
        });
        CheckpointMeta meta = CheckpointFile.readMeta(older);
        assertEquals(0.5, meta.training().quantizerDropout());
        assertEquals(4, meta.data().workers());
        assertTrue(meta.training().generatorLr() == 1e-3, "present keys are read as written");
    }
}
