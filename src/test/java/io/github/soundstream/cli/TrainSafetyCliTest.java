package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during training says what was saved and how to go on; bad numbers are usage errors, not stack traces. */
class TrainSafetyCliTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDuringTrainingPrintsTheCheckpointAndTheResumeCommand() throws Exception {
        Path ck = dir.resolve("ck");
        Process child = ChildJvm.start(SoundStreamCommand.class, "--threads", "1", "train", "--C", "2", "--D", "8",
                "--num-quantizers", "2", "--codebook-size", "16", "--batch-size", "1", "--audio-length", "0.5",
                "--max-steps", "100000", "--disc-warmup-steps", "100000", "--disc-size", "small", "--num-workers", "0",
                "--checkpoint-dir", ck.toString(), "--log-dir", dir.resolve("logs").toString());
        StringBuilder all = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("step ")) {
                all.append(line).append('\n'); // start-up, until the first step's progress line
            }
            child.toHandle().destroy(); // SIGTERM (the handle keeps our pipes open), as Ctrl-C's SIGINT: the step finishes, is saved, and reported
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
            }
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        String output = all.toString();
        assertTrue(output.contains("stopped on request after step "), output);
        String saved = output.lines().filter(l -> l.startsWith("checkpoint: ")).findFirst().orElseThrow(
                () -> new AssertionError(output)).substring("checkpoint: ".length());
        assertTrue(Files.isRegularFile(Path.of(saved)), saved);
        assertTrue(output.contains("soundstream train --resume latest --checkpoint-dir " + ck), output);
    }

    @Test
    void badNumbersAreUsageErrorsWithOneLine() {
        CliRunner.Result threads = CliRunner.run("--threads", "0", "info", dir.toString());
        assertEquals(2, threads.code(), threads.err());
        assertTrue(threads.err().startsWith("--threads must be 1..4096, got 0"), threads.err());

        CliRunner.Result batch = CliRunner.run("train", "--batch-size", "2147483647", "--checkpoint-dir",
                dir.resolve("ck").toString(), "--log-dir", dir.resolve("logs").toString());
        assertEquals(2, batch.code(), batch.err());
        assertTrue(batch.err().startsWith("invalid data config: batchSize = 2147483647, must be 1..4096"),
                batch.err());
        assertEquals(1, batch.errLines().size(), "one line, not the usage text: " + batch.err());
        assertEquals(1, threads.errLines().size(), threads.err());
    }
}
