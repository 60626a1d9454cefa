package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.checkpoint.CheckpointMeta;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.engine.EngineSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a save never damages earlier checkpoints, nor leaves a partial one under a real name. */
class KillDuringSaveTest {
    @TempDir
    Path dir;

    @Test
    void earlierCheckpointsSurviveASigkillDuringASave() throws Exception {
        Process child = io.github.soundstream.ChildJvm.start(SavingChild.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("saved 3")) {
                // wait for three complete saves; the fourth is under way when the kill lands
            }
            assertEquals("saved 3", line, "child saved three checkpoints");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        EngineSetup.configure(1);
        CheckpointStore store = new CheckpointStore(dir.resolve("ck"));
        List<Path> complete = store.list();
        assertTrue(complete.size() >= 3, complete.toString());
        Trainer.Setup setup = TrainingFixtures.setup(dir, TrainingFixtures.training(100, 0, 1, 1000));
        for (Path p : complete) {
            CheckpointMeta meta = CheckpointFile.readMeta(p);
            assertEquals(CheckpointStore.step(p).orElseThrow(), meta.step());
            try (TrainingModels models = new TrainingModels(setup.model(), setup.discriminators(), 1, Device.cpu())) {
                models.load(p, true);
            }
        }
        assertEquals(complete.get(complete.size() - 1), store.latest().orElseThrow());
        store.removeInterruptedSaves(setup.runId());
        try (var files = java.nio.file.Files.list(dir.resolve("ck"))) {
            assertTrue(files.allMatch(p -> CheckpointStore.step(p).isPresent()), "only complete checkpoints remain");
        }
    }
}
