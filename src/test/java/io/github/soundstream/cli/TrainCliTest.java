package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad training input: one clear line, exit 2, and nothing written. */
class TrainCliTest {
    @TempDir
    Path dir;

    private record Result(int code, String err) {
    }

    private Result train(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = SoundStreamCommand.newCommandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--checkpoint-dir";
        all[args.length + 2] = dir.resolve("ck").toString();
        all[args.length + 3] = "--log-dir";
        all[args.length + 4] = dir.resolve("logs").toString();
        return new Result(cl.execute(all), err.toString());
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(dir.resolve("logs")), "no log directory");
        assertFalse(Files.exists(dir.resolve("ck")) && dir.resolve("ck").toFile().list().length > 0,
                "no checkpoint");
    }

    @Test
    void missingDirectory() {
        Result r = train("--audio-dir", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().lines().findFirst().orElse("").contains("no such directory"), r.err());
        assertNothingWritten();
    }

    @Test
    void folderWithoutAudio() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no audio here");
        Result r = train("--audio-dir", empty.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no audio files"), r.err());
        assertNothingWritten();
    }

    @Test
    void unwritableCheckpointFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("ck"), "a file, not a folder");
        Result r = train("--max-steps", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot write checkpoints"), r.err());
        assertEquals("a file, not a folder", Files.readString(file));
    }

    @Test
    void clipsShorterThanHalfASecond() {
        Result r = train("--audio-length", "0.3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("at least 0.5 s"), r.err());
        assertNothingWritten();
    }

    @Test
    void resumeWithoutCheckpointAndUnknownPreset() {
        Result latest = train("--resume", "latest");
        assertEquals(2, latest.code());
        assertTrue(latest.err().contains("no checkpoint"), latest.err());
        Result preset = train("--preset", "huge");
        assertEquals(2, preset.code());
        assertTrue(preset.err().contains("unknown preset"), preset.err());
    }
}
