package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.checkpoint.FolderInUseException;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.data.DataPosition;
import io.github.soundstream.engine.EngineSetup;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs sharing a folder never touch each other's checkpoints, and a damaged or mismatched checkpoint never loads. */
class CheckpointSafetyTest {
    private static final String A = "aaaa0001";
    private static final String B = "bbbb0002";

    @TempDir
    static Path shared;
    private static Path micro;

    @TempDir
    Path dir;

    @BeforeAll
    static void realCheckpoint() throws IOException {
        EngineSetup.configure(1);
        micro = TestCheckpoints.micro(shared, 3);
    }

    private static CheckpointStore.Writer metaOnly(String runId, long step) {
        Trainer.Setup s = TrainingFixtures.setup(Path.of("unused"), TrainingFixtures.training(10, 0, 1, 1));
        CheckpointMeta meta = new CheckpointMeta("test", "run", runId, s.model(), s.discriminators(), s.data(),
                s.training(), step, DataPosition.START, 0);
        return file -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new ZipEntry(CheckpointFile.META));
                meta.toProperties().store(zip, null);
                zip.closeEntry();
            }
        };
    }

    @Test
    void aRunNeverPrunesOverwritesOrCleansUpAnotherRunsCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        for (long step = 100; step <= 104; step++) {
            store.save(step, A, metaOnly(A, step));
        }
        byte[] a100 = Files.readAllBytes(dir.resolve("soundstream_step_100.ckpt"));
        Path aPart = Files.createFile(dir.resolve(".soundstream_step_105.ckpt." + A + ".123.part"));
        Path bPart = Files.createFile(dir.resolve(".soundstream_step_102.ckpt." + B + ".456.part"));

        Path b100 = store.save(100, B, metaOnly(B, 100));
        assertEquals(dir.resolve("soundstream_step_100_" + B + ".ckpt"), b100, "A's step 100 is not overwritten");
        assertTrue(java.util.Arrays.equals(a100, Files.readAllBytes(dir.resolve("soundstream_step_100.ckpt"))));
        Path b101 = store.save(101, B, metaOnly(B, 101));
        assertEquals(List.of(b100), store.prune(B, 1));
        assertTrue(Files.exists(b101), "the path a run reports exists");
        assertEquals(5, store.ofRun(A).size());
        assertEquals(List.of(b101), store.ofRun(B));

        assertEquals(1, store.removeInterruptedSaves(B));
        assertFalse(Files.exists(bPart));
        assertTrue(Files.exists(aPart), "another run's interrupted save is its own to clean up");
        assertEquals(CheckpointFile.readMeta(b101).runId(), B);
    }

    @Test
    void aSecondTrainerIsRefusedWhileAnotherProcessHoldsTheFolder() throws Exception {
        Process child = ChildJvm.start(FolderLockChild.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("locked")) {
                // the child's JVM starting up
            }
            assertEquals("locked", line);
            FolderInUseException e = assertThrows(FolderInUseException.class, () -> new CheckpointStore(dir).lock());
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("another training run"),
                    e.getMessage());
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (var lock = new CheckpointStore(dir).lock()) {
            assertThrows(FolderInUseException.class, () -> new CheckpointStore(dir).lock(), "same JVM too");
        }
    }

    @Test
    void aFreshRunIntoAFolderWithAnotherRunsCheckpointsIsRefused() throws IOException {
        new CheckpointStore(dir.resolve("ck")).save(100, A, metaOnly(A, 100));
        Trainer.Setup s = TrainingFixtures.setup(dir, TrainingFixtures.training(1, 0, 1, 1));
        var request = TrainingFixtures.request(s, false, null, TrainingSession.Changes.NONE);
        TrainingSetupException e = assertThrows(TrainingSetupException.class,
                () -> TrainingSession.run(request, new java.io.PrintStream(OutputStream.nullOutputStream()), x -> { }));
        assertTrue(e.getMessage().contains("holds another run's checkpoints (soundstream_step_100.ckpt)")
                && e.getMessage().contains("--resume latest"), e.getMessage());
        assertEquals(1, new CheckpointStore(dir.resolve("ck")).list().size());
    }

    @Test
    void aFailedSaveNamesTheCheckpointAndLeavesNothing() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        IOException e = assertThrows(IOException.class, () -> store.save(7, A, file -> {
            Files.writeString(file, "half");
            throw new IOException("No space left on device");
        }));
        assertEquals(dir.resolve("soundstream_step_7.ckpt") + ": cannot save checkpoint (No space left on device)",
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void namesThatAreNotCheckpointsAreIgnored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        Path one = store.save(1, A, metaOnly(A, 1));
        Files.writeString(dir.resolve("soundstream_step_99999999999999999999.ckpt"), "not ours");
        Files.createDirectory(dir.resolve("soundstream_step_7.ckpt"));
        assertEquals(List.of(one), store.list());
        assertEquals(one, store.latest().orElseThrow());
        assertTrue(CheckpointStore.step(dir.resolve("soundstream_step_99999999999999999999.ckpt")).isEmpty());
    }

    @Test
    void aFlippedBitInTheWeightsIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(micro);
        int data = entryData(bytes, CheckpointFile.GENERATOR);
        for (int offset : new int[] {40, 400, 1500}) {
            byte[] damaged = bytes.clone();
            damaged[data + offset] ^= 0x04;
            Path file = dir.resolve("flipped" + offset + ".ckpt");
            Files.write(file, damaged);
            IOException e = assertThrows(IOException.class, () -> SoundStreamCodec.load(file).close());
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("generator.params")
                    && e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void weightsThatDoNotFitTheConfigurationAreRefused() throws IOException {
        Path other = rewriteMeta(micro, p -> p.setProperty("model.embeddingDim", "16"));
        IOException e = assertThrows(IOException.class, () -> SoundStreamCodec.load(other).close());
        assertTrue(e.getMessage().startsWith(other.toString()) && e.getMessage().contains("does not fit"),
                e.getMessage());
    }

    @Test
    void implausibleConfigurationsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        Path huge = rewriteMeta(micro, p -> p.setProperty("model.numQuantizers", "99999999"));
        IOException e = assertThrows(IOException.class, () -> CheckpointFile.readMeta(huge));
        assertEquals(huge + ": invalid model config: numQuantizers = 99999999, must be 1..64", e.getMessage());
        Path negative = rewriteMeta(micro, p -> p.setProperty("step", "-5"));
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.readMeta(negative)).getMessage()
                .contains("bad value for step: -5"));
    }

    @Test
    void checkpointsFromBeforeRunIdsReadAsALegacyRun() throws IOException {
        Path old = rewriteMeta(micro, p -> p.remove("runId"));
        assertEquals("legacy-run", CheckpointFile.readMeta(old).runId());
        SoundStreamCodec.load(old).close();
    }

    /** Offset of an entry's data in a zip written by {@link ZipOutputStream} (no extra field). */
    private static int entryData(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 30; i < zip.length - n.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + n.length, n, 0, n.length) && zip[i - 30] == 'P'
                    && zip[i - 29] == 'K' && zip[i - 28] == 3) {
                int extra = (zip[i - 2] & 0xFF) | (zip[i - 1] & 0xFF) << 8;
                return i + n.length + extra;
            }
        }
        throw new AssertionError(name + " not found");
    }

    private Path rewriteMeta(Path source, Consumer<Properties> edit) throws IOException {
        return TestCheckpoints.withMeta(source, dir.resolve("edited-" + System.nanoTime() + ".ckpt"), edit);
    }
}
