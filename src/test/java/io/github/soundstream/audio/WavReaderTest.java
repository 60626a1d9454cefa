package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "tag {0}, {1}-bit, {2} ch, extensible {3}")
    @CsvSource({"1,8,1,false", "1,16,2,false", "1,24,2,false", "1,32,1,false", "3,32,2,false", "3,64,1,false",
            "1,16,6,true", "1,24,2,true", "3,32,3,true"})
    void readsEverySampleFormat(int tag, int bits, int channels, boolean extensible) throws IOException {
        int rate = 22050;
        double[][] signal = new double[channels][];
        for (int c = 0; c < channels; c++) {
            signal[c] = TestWavs.sine(300 * (c + 1), 0.7, rate, 3001);
        }
        Path file = TestWavs.write(dir.resolve("x.wav"), tag, bits, rate, signal, extensible);
        try (AudioStream s = AudioFiles.open(file)) {
            AudioInfo info = s.info();
            assertEquals("WAV", info.container());
            assertEquals(rate, info.sampleRate());
            assertEquals(channels, info.channels());
            assertEquals(3001, info.frames());
            float[][] got = TestWavs.readAll(s);
            // quantisation step of the file, or float32 rounding of the decoded value, whichever is larger
            double tolerance = Math.max(tag == 3 ? 0 : 1.0 / (1L << (bits - 1)), 1e-7);
            for (int c = 0; c < channels; c++) {
                assertEquals(3001, got[c].length);
                for (int i = 0; i < 3001; i++) {
                    assertEquals(signal[c][i], got[c][i], tolerance, "channel " + c + " frame " + i);
                }
            }
        }
    }

    @Test
    void extensionIsMatchedCaseInsensitively() throws IOException {
        Path file = TestWavs.write(dir.resolve("LOUD.WAV"), 1, 16, 8000, new double[][] {TestWavs.sine(100, .5, 8000, 80)},
                false);
        assertTrue(AudioFiles.isAudioFileName(file));
        assertTrue(AudioFiles.isAudioFileName(Path.of("a.Flac")));
        assertTrue(AudioFiles.isAudioFileName(Path.of("a.OGG")));
        assertEquals(80, AudioFiles.readMono(file, 8000).length);
        assertEquals(java.util.List.of(file), AudioFiles.scan(dir));
    }

    @Test
    void streamingSizeMeansUntilEndOfStream() throws IOException {
        double[] x = TestWavs.sine(440, 0.5, 16000, 1600);
        byte[] bytes = TestWavs.encode(1, 16, 16000, new double[][] {x}, false, 0xFFFFFFFFL);
        try (AudioStream s = AudioFiles.open(new ByteArrayInputStream(bytes), null)) {
            assertEquals(AudioInfo.UNKNOWN_LENGTH, s.info().frames());
            assertEquals(1600, TestWavs.readAll(s)[0].length);
        }
    }

    @Test
    void truncatedDataIsAnErrorNotAShortRead() throws IOException {
        double[] x = TestWavs.sine(440, 0.5, 16000, 1600);
        byte[] bytes = TestWavs.encode(1, 16, 16000, new double[][] {x}, false, 3200);
        Path file = dir.resolve("cut.wav");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));
        AudioFileException e = assertThrows(AudioFileException.class, () -> {
            try (AudioStream s = AudioFiles.open(file)) {
                TestWavs.readAll(s);
            }
        });
        assertEquals(file, e.path());
        assertTrue(e.reason().startsWith("truncated"), e.reason());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void emptyCorruptAndUnsupportedFilesNameTheProblem() throws IOException {
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertEquals("empty file", assertThrows(AudioFileException.class, () -> AudioFiles.open(empty)).reason());

        Path garbage = Files.write(dir.resolve("garbage.wav"), "this is not audio at all".getBytes());
        assertTrue(assertThrows(AudioFileException.class, () -> AudioFiles.open(garbage)).reason()
                .contains("not a WAV file"));

        byte[] adpcm = TestWavs.encode(1, 16, 8000, new double[][] {new double[10]}, false, 20);
        adpcm[12 + 12 + 8] = 2; // format tag: after the RIFF header, the LIST chunk and the fmt chunk header
        Path unsupported = Files.write(dir.resolve("adpcm.wav"), adpcm);
        assertEquals("unsupported WAV encoding: Microsoft ADPCM 16-bit",
                assertThrows(AudioFileException.class, () -> AudioFiles.open(unsupported)).reason());

        Path text = Files.write(dir.resolve("notes.txt"), "hello".getBytes());
        assertTrue(assertThrows(AudioFileException.class, () -> AudioFiles.open(text)).reason()
                .startsWith("unsupported file type '.txt'"));

        assertEquals("no such file",
                assertThrows(AudioFileException.class, () -> AudioFiles.open(dir.resolve("missing.wav"))).reason());
    }

    @Test
    void nonFiniteFloatSamplesAreCorruption() throws IOException {
        Path file = TestWavs.write(dir.resolve("nan.wav"), 3, 32, 8000, new double[][] {{0.1, Double.NaN, 0.2}},
                false);
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioFiles.readMono(file, 8000));
        assertEquals("corrupt: non-finite sample (NaN) at frame 1", e.reason());
    }

    @Test
    void headerOnlyFileIsEmpty() throws IOException {
        byte[] bytes = TestWavs.encode(1, 16, 8000, new double[][] {new double[0]}, false, 0);
        Path file = Files.write(dir.resolve("h.wav"), bytes);
        assertTrue(assertThrows(AudioFileException.class, () -> AudioFiles.open(file)).reason().startsWith("empty"));
    }

    @Test
    void fullScaleNegativeIsExactlyMinusOne() throws IOException {
        Path file = TestWavs.write(dir.resolve("fs.wav"), 1, 16, 8000, new double[][] {{-1.0, 0.0, 0.5}}, false);
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, AudioFiles.readMono(file, 8000));
    }
}
