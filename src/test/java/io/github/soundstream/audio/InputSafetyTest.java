package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.cli.SoundStreamCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and careless input: bounded memory, one clear line per bad file, and the walk goes on. */
class InputSafetyTest {
    @TempDir
    Path dir;

    /** A 1 KB WAV whose header claims 65,535 channels and a megabyte of data. */
    private static byte[] wideHeader(int tag, int bits) {
        byte[] head = TestWavs.encode(tag, bits, 8000, new double[65535][0], false, 1_000_000);
        byte[] file = Arrays.copyOf(head, 1024);
        Arrays.fill(file, head.length, file.length, (byte) 0x11);
        return file;
    }

    @Test
    void aHeaderClaiming65535ChannelsFitsInASmallHeapAndTheNextFileIsStillRead() throws Exception {
        Path pcm = Files.write(dir.resolve("wide.wav"), wideHeader(1, 16));
        Path f64 = Files.write(dir.resolve("wide64.wav"), wideHeader(3, 64));
        Path good = TestWavs.write(dir.resolve("good.wav"), 1, 16, 8000, new double[][] {TestWavs.sine(440, 0.5,
                8000, 800)}, false);
        Process p = ChildJvm.start(List.of("-Xmx64m"), SoundStreamCommand.class, "info", pcm.toString(),
                f64.toString(), good.toString());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(3, lines.size(), output);
        assertTrue(lines.get(0).startsWith(pcm + ": truncated"), output);
        assertTrue(lines.get(1).startsWith(f64 + ": truncated"), output);
        assertTrue(lines.get(2).startsWith(good + ": WAV"), output);
    }

    @Test
    void channelsThatSumPastTheFloatRangeAreRefusedAfterTheDownmix() throws IOException {
        double[] huge = new double[400];
        Arrays.fill(huge, 3e38);
        Path file = TestWavs.write(dir.resolve("loud.wav"), 3, 32, 8000, new double[][] {huge, huge}, false);
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFiles.readMono(file, 8000));
        assertTrue(e.getMessage().startsWith(file + ": corrupt: samples sum to Infinity"), e.getMessage());
    }

    @Test
    void linkedFoldersAreFollowedLoopsAndBadEntriesAreSkipped() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        TestWavs.write(real.resolve("a.wav"), 1, 16, 8000, new double[][] {TestWavs.sine(300, 0.5, 8000, 80)}, false);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        TestWavs.write(tree.resolve("b.wav"), 1, 16, 8000, new double[][] {TestWavs.sine(300, 0.5, 8000, 80)}, false);
        Files.createSymbolicLink(tree.resolve("linked"), real);
        Files.createSymbolicLink(tree.resolve("again"), real); // the same files twice: listed once
        Files.createSymbolicLink(tree.resolve("loop"), tree); // a link back up: skipped, not walked forever
        Files.createSymbolicLink(tree.resolve("self.wav"), tree.resolve("self.wav")); // cannot even be stat'ed
        List<Path> files = AudioFiles.scan(tree);
        assertEquals(List.of(tree.resolve("again/a.wav"), tree.resolve("b.wav")), files);

        Path linkToTree = Files.createSymbolicLink(dir.resolve("shortcut"), tree);
        assertEquals(2, AudioFiles.scan(linkToTree).size(), "a link given as the folder itself");
    }

    @Test
    void anUnreadableSubfolderIsSkippedAndTheRestListed() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/locked"));
        TestWavs.write(dir.resolve("tree/ok.wav"), 1, 16, 8000, new double[][] {TestWavs.sine(300, 0.5, 8000, 80)},
                false);
        TestWavs.write(tree.resolve("hidden.wav"), 1, 16, 8000, new double[][] {TestWavs.sine(300, 0.5, 8000, 80)},
                false);
        Files.setPosixFilePermissions(tree, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(tree), "root reads every folder");
            assertEquals(List.of(dir.resolve("tree/ok.wav")), AudioFiles.scan(dir.resolve("tree")));
        } finally {
            Files.setPosixFilePermissions(tree, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
