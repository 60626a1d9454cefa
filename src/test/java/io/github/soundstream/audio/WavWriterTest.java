package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    @TempDir
    Path dir;

    private static float[] signal() {
        float[] x = new float[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.9 * Math.sin(i * 0.01) * Math.cos(i * 0.0007));
        }
        x[0] = -1f;
        x[1] = 1.5f; // clipped in 16-bit, kept in float
        return x;
    }

    @Test
    void float32RoundTripIsExact() throws IOException {
        Path file = dir.resolve("f.wav");
        WavWriter.write(file, signal(), 24000, WavFormat.FLOAT_32);
        try (AudioStream s = AudioFiles.open(file)) {
            assertEquals("IEEE float 32-bit", s.info().codec());
            assertArrayEquals(signal(), TestWavs.readAll(s)[0]);
        }
    }

    @Test
    void pcm16RoundTripIsWithinHalfAStep() throws IOException {
        Path file = dir.resolve("p.wav");
        WavWriter.write(file, signal(), 24000, WavFormat.PCM_16);
        float[] back = AudioFiles.readMono(file, 24000);
        float[] ref = signal();
        assertEquals(ref.length, back.length);
        assertEquals(-1f, back[0]);
        assertEquals(32767 / 32768f, back[1], "clipped to full scale");
        for (int i = 2; i < ref.length; i++) {
            assertEquals(ref[i], back[i], 0.5 / 32768 + 1e-7);
        }
        // writing what was read reproduces the same bytes
        Path again = dir.resolve("again.wav");
        WavWriter.write(again, back, 24000, WavFormat.PCM_16);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void inMemoryEncodingMatchesTheFile() throws IOException {
        Path file = dir.resolve("m.wav");
        WavWriter.write(file, signal(), 16000, WavFormat.PCM_16);
        byte[] bytes = WavWriter.encode(signal(), 16000, WavFormat.PCM_16);
        assertArrayEquals(Files.readAllBytes(file), bytes);
        try (AudioStream s = AudioFiles.open(new ByteArrayInputStream(bytes), null)) {
            assertEquals(5000, s.info().frames());
        }
    }

    @Test
    void anUncommittedWriteLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("out.wav");
        try (WavWriter w = new WavWriter(target, 24000, 1, WavFormat.PCM_16)) {
            w.write(signal(), 0, 1000);
            assertFalse(Files.exists(target), "target must not exist before commit");
        }
        assertFalse(Files.exists(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "temporary file removed");
        }
    }

    @Test
    void anAbortedOverwriteKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("keep.wav");
        WavWriter.write(target, signal(), 24000, WavFormat.PCM_16);
        byte[] before = Files.readAllBytes(target);
        try (WavWriter w = new WavWriter(target, 8000, 1, WavFormat.FLOAT_32)) {
            w.write(new float[10], 0, 10);
        }
        assertArrayEquals(before, Files.readAllBytes(target));
        WavWriter.write(target, new float[] {0.25f}, 8000, WavFormat.FLOAT_32);
        assertTrue(Files.size(target) < before.length, "a committed write replaces it");
    }
}
