package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;



    @Test
    void infoDescribesAFile() throws IOException {
        Path file = dir.resolve("a.wav");
        float[] x = new float[48000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 24000.0));
        }
        WavWriter.write(file, x, 24000, WavFormat.PCM_16);
        CliRunner.Result r = CliRunner.run("info", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(file + ": WAV (PCM 16-bit), 24000 Hz, 1 ch, 0:02.000, peak -6.0 dBFS, RMS -9.0 dBFS",
                r.out().strip());
    }

    @Test
    void infoOnAFolderSummarisesAndListsBadFilesOnOneLineEach() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("birds"));
        for (int i = 0; i < 3; i++) {
            WavWriter.write(sub.resolve("clip" + i + ".WAV"), Soundscape.generate(i, 24000, 24000 * 4), 24000,
                    WavFormat.PCM_16);
        }
        Path bad = Files.writeString(dir.resolve("broken.flac"), "not really flac");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an audio extension");
        CliRunner.Result r = CliRunner.run("info", dir.toString());
        assertEquals(1, r.code(), "a bad file makes the exit code 1");
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith(bad + ": "), r.err());
        assertTrue(r.out().contains(dir + ": 3 audio files"), r.out());
        assertTrue(r.out().contains("WAV PCM 16-bit"), r.out());
        assertTrue(r.out().contains("1 unreadable"), r.out());
    }

    @Test
    void infoGoesOnAfterABadFile() throws IOException {
        Path good = dir.resolve("good.wav");
        WavWriter.write(good, new float[] {0.1f, 0.2f}, 8000, WavFormat.FLOAT_32);
        CliRunner.Result r = CliRunner.run("info", dir.resolve("missing.wav").toString(), good.toString());
        assertEquals(1, r.code());
        assertEquals(dir.resolve("missing.wav") + ": no such file", r.err().strip());
        assertTrue(r.out().startsWith(good + ": WAV (IEEE float 32-bit)"), r.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliRunner.run("info").code());
        assertEquals(2, CliRunner.run("no-such-command").code());
        assertEquals(2, CliRunner.run().code());
        assertEquals(2, CliRunner.run("synth", "-o", dir.toString(), "--clips", "0").code());
    }

    @Test
    void versionHelpAndCompletion() {
        CliRunner.Result v = CliRunner.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("soundstream "), v.out());
        CliRunner.Result h = CliRunner.run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("info") && h.out().contains("completion"), h.out());
        CliRunner.Result c = CliRunner.run("completion");
        assertEquals(0, c.code());
        assertTrue(c.out().contains("complete -F"), "a bash completion script");
    }

    @Test
    void synthWritesDeterministicClips() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliRunner.run("synth", "-o", a.toString(), "--clips", "2", "--seconds", "1").code());
        assertEquals(0, CliRunner.run("synth", "-o", b.toString(), "--clips", "2", "--seconds", "1").code());
        for (String name : List.of("soundscape_000.wav", "soundscape_001.wav")) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name))));
        }
        CliRunner.Result info = CliRunner.run("info", a.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("2 audio files"));
    }
}
