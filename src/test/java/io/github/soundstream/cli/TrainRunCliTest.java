package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        // the folder's name has a space: the printed commands quote it, so they work pasted into a shell
        assertTrue(r.out().contains("soundstream decode YOUR.ssc -o decoded.wav --checkpoint '" + checkpoint + "'"),
                r.out());
        assertTrue(r.out().contains("--resume latest --checkpoint-dir '" + ck + "'"), r.out());

        // resuming the demo run without --audio-dir: the data comes from the checkpoint, and so must the next command
        CliRunner.Result resumed = CliRunner.run("train", "--resume", "latest", "--max-steps", "2", "--quiet",
                "--checkpoint-dir", ck.toString(), "--log-dir", dir.resolve("logs").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.isRegularFile(ck.resolve("soundstream_step_2.ckpt")), resumed.out());
        assertFalse(resumed.out().contains("--audio-dir"), resumed.out());
        assertTrue(resumed.out().contains("soundstream train --resume latest --checkpoint-dir '" + ck
                + "' --max-steps 1002"), resumed.out());
    }

    /** --devices cpu:2 trains two CPU replicas into one checkpoint; a batch that does not split is a usage error. */
    @Test
    void twoCpuReplicasTrainIntoOneCheckpoint() {
        Path ck = dir.resolve("replicas");
        String[] common = {"train", "--C", "2", "--D", "8", "--num-quantizers", "2", "--codebook-size", "16",
            "--audio-length", "0.5", "--max-steps", "2", "--disc-warmup-steps", "1", "--disc-size", "small", "--quiet",
            "--checkpoint-dir", ck.toString(), "--log-dir", dir.resolve("logs").toString(), "--devices", "cpu:2"};
        CliRunner.Result uneven = CliRunner.run(concat(common, "--batch-size", "3"));
        assertEquals(2, uneven.code(), uneven.err());
        assertTrue(uneven.err().contains("does not split evenly over 2 devices") && uneven.err().contains("2 or 4"),
                uneven.err());
        CliRunner.Result r = CliRunner.run(concat(common, "--batch-size", "4"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(ck.resolve("soundstream_step_2.ckpt")), r.out());
        CliRunner.Result bad = CliRunner.run("train", "--devices", "cpu:x", "--max-steps", "1", "--checkpoint-dir",
                dir.resolve("x").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("'x' is not a number"), bad.err());
    }

    /** --batch-size auto measures real steps, says what it chose, and the checkpoint keeps it for a resume. */
    @Test
    void autoBatchSizeIsLoggedAndStored() throws java.io.IOException {
        Path ck = dir.resolve("auto");
        String[] common = {"train", "--C", "2", "--D", "8", "--num-quantizers", "2", "--codebook-size", "16",
            "--audio-length", "0.5", "--max-steps", "1", "--disc-warmup-steps", "1", "--disc-size", "small", "--quiet",
            "--checkpoint-dir", ck.toString(), "--log-dir", dir.resolve("logs").toString()};
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        CliRunner.Result r;
        System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try { // the trainer's console is the process's standard error
            r = CliRunner.run(concat(common, "--batch-size", "auto"));
        } finally {
            System.setErr(err);
        }
        assertEquals(0, r.code(), r.err());
        String log = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("batch size (\\d+), by --batch-size auto: .*per clip").matcher(log);
        assertTrue(m.find(), log);
        int chosen = Integer.parseInt(m.group(1));
        assertTrue(chosen >= 1 && chosen <= 4, "at most the demo's 4: " + chosen);
        var meta = io.github.soundstream.checkpoint.CheckpointFile.readMeta(ck.resolve("soundstream_step_1.ckpt"));
        assertEquals(chosen, meta.data().batchSize());

        CliRunner.Result bad = CliRunner.run(concat(common, "--batch-size", "lots"));
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--batch-size takes a number or auto, got 'lots'"), bad.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aSnakeModelWithDacsDiscriminatorsAndTheLossBalancerTrainsAndCodes() throws java.io.IOException {
        Path ck = dir.resolve("snake");
        CliRunner.Result r = CliRunner.run("train", "--C", "2", "--D", "8", "--num-quantizers", "2",
                "--codebook-size", "16", "--activation", "snake", "--discriminators", "wave,stft,mpd,mrd",
                "--mel-loss", "dac", "--loss-balancer", "--lambda-adv", "3", "--lambda-feat", "3", "--lambda-l1", "0.1",
                "--batch-size", "1", "--audio-length", "0.5",
                "--max-steps", "2", "--disc-warmup-steps", "1", "--disc-size", "small", "--quiet",
                "--checkpoint-dir", ck.toString(), "--log-dir", dir.resolve("logs").toString());
        assertEquals(0, r.code(), r.err());
        Path checkpoint = ck.resolve("soundstream_step_2.ckpt");
        var meta = io.github.soundstream.checkpoint.CheckpointFile.readMeta(checkpoint);
        assertEquals("snake", meta.model().activation());
        assertEquals(java.util.List.of("wave", "stft", "mpd", "mrd"), meta.discriminators().set());
        assertEquals("dac", meta.training().melLoss());
        assertTrue(meta.training().lossBalancer());
        assertEquals(3.0, meta.training().lambdaAdv());
        assertEquals(3.0, meta.training().lambdaFeat());
        assertTrue(io.github.soundstream.checkpoint.CheckpointFile.has(checkpoint,
                io.github.soundstream.checkpoint.CheckpointFile.LOSS_BALANCER));
        Path wav = dir.resolve("in.wav");
        io.github.soundstream.audio.WavWriter.write(wav, io.github.soundstream.audio.synth.Soundscape.generate(3, 24000,
                12000), 24000, io.github.soundstream.audio.WavFormat.PCM_16);
        CliRunner.Result enc = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), wav.toString(), "-o",
                dir.resolve("out.wav").toString());
        assertEquals(0, enc.code(), enc.err());
        assertTrue(Files.size(dir.resolve("out.wav")) > 20000);
    }

    @Test
    void shellWordsAreQuotedOnlyWhenNeeded() {
        String plain = "checkpoints/soundstream_step_5.ckpt";
        assertEquals(plain, TrainCommand.shellWord(plain));
        assertEquals("'/tmp/my runs'", TrainCommand.shellWord("/tmp/my runs"));
        assertEquals("'/tmp/it'\\''s'", TrainCommand.shellWord("/tmp/it's"));
    }
}
