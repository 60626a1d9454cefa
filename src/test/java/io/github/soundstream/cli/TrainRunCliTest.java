package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A successful (very small) demo run: its closing lines must be commands that work as printed. */
class TrainRunCliTest {
    @TempDir
    Path dir;

    @Test
    void nextStepsNameTheCheckpointWhenItIsNotInTheDefaultFolder() {
        Path ck = dir.resolve("my checkpoints");
        CliRunner.Result r = CliRunner.run("train", "--C", "2", "--D", "8", "--num-quantizers", "2",
                "--codebook-size", "16", "--batch-size", "1", "--audio-length", "0.5", "--max-steps", "1",
                "--disc-warmup-steps", "5", "--disc-size", "small", "--quiet", "--checkpoint-dir", ck.toString(),
                "--log-dir", dir.resolve("logs").toString());
        assertEquals(0, r.code(), r.err());
        Path checkpoint = ck.resolve("soundstream_step_1.ckpt");
        assertTrue(Files.isRegularFile(checkpoint), r.out());
        assertTrue(r.out().contains("soundstream decode YOUR.ssc -o decoded.wav --checkpoint " + checkpoint), r.out());
        assertTrue(r.out().contains("--resume latest --checkpoint-dir " + ck), r.out());
    }
}
