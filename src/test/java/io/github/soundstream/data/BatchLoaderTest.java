package io.github.soundstream.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
    @TempDir
    Path dir;

    private static List<float[]> batches(ClipSource source, int workers, DataPosition start, int count)
            throws IOException {
        List<float[]> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(source, 3, 800, 11, workers, start)) {
            for (int i = 0; i < count; i++) {
                out.add(loader.next().audio());
            }
        }
        return out;
    }

    @Test
    void theSequenceDependsOnlyOnSeedAndStartWhateverTheWorkers() throws IOException {
        ClipSource source = new SyntheticClips(1, 10, 8000, 800);
        List<float[]> serial = batches(source, 0, DataPosition.START, 8);
        List<float[]> parallel = batches(source, 3, DataPosition.START, 8);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(serial.get(i), parallel.get(i), "batch " + i);
        }
        // 10 clips, batch 3: 3 batches an epoch; start at epoch 1, batch 1 = the 5th batch overall
        List<float[]> resumed = batches(source, 2, new DataPosition(1, 1), 4);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(serial.get(4 + i), resumed.get(i), "resumed batch " + i);
        }
        assertFalse(Arrays.equals(serial.get(0), serial.get(3)), "epochs are shuffled differently");
    }

    @Test
    void unreadableFilesAreSkippedListedAndNeverBecomeNoise() throws IOException {
        for (int i = 0; i < 4; i++) {
            WavWriter.write(dir.resolve("good" + i + ".wav"), Soundscape.generate(i, 8000, 1600), 8000, WavFormat.PCM_16);
        }
        Path broken = Files.writeString(dir.resolve("broken.flac"), "not flac");
        List<Path> files = io.github.soundstream.audio.AudioFiles.scan(dir);
        assertEquals(5, files.size());
        FileClips clips = new FileClips(files, 8000, 800);
        try (BatchLoader loader = new BatchLoader(clips, 2, 800, 3, 0, DataPosition.START)) {
            for (int b = 0; b < 6; b++) {
                float[] audio = loader.next().audio();
                for (int c = 0; c < 2; c++) {
                    float peak = 0;
                    for (int i = 0; i < 800; i++) {
                        peak = Math.max(peak, Math.abs(audio[c * 800 + i]));
                    }
                    assertEquals(1f, peak, 1e-6f, "every clip is a real, peak-normalised crop");
                }
            }
            assertEquals(1, loader.skippedFiles().size());
            assertTrue(loader.skippedFiles().get(0).startsWith(broken.toString() + ": "));
        }
    }

    @Test
    void shortFilesArePaddedAndLongOnesCropped() throws IOException {
        float[] longOne = Soundscape.generate(5, 16000, 16000);
        Path a = dir.resolve("long.wav");
        WavWriter.write(a, longOne, 16000, WavFormat.FLOAT_32);
        Path b = dir.resolve("short.wav");
        WavWriter.write(b, new float[] {0.5f, -0.25f, 0.1f}, 8000, WavFormat.FLOAT_32);
        FileClips clips = new FileClips(List.of(a, b), 8000, 2000);
        float[] crop1 = clips.clip(0, 1);
        float[] crop2 = clips.clip(0, 2);
        assertEquals(2000, crop1.length);
        assertFalse(Arrays.equals(crop1, crop2), "different crop seeds, different crops");
        assertArrayEquals(crop1, clips.clip(0, 1), "same seed, same crop");
        float[] padded = clips.clip(1, 1);
        assertEquals(2000, padded.length);
        assertEquals(1f, padded[0], 1e-6f);
        assertEquals(0f, padded[1999]);
    }
}
