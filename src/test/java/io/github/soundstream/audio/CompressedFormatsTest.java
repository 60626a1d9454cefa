package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoders against fixtures made by the reference encoders (scripts/make-test-fixtures.sh): channel 0 is a 1 kHz
 * sine and channel 1 a 2.5 kHz sine, both at amplitude 0.5.
 */
class CompressedFormatsTest {
    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/audio/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void flacIsBitExact() throws IOException {
        Path file = fixture("tone_stereo_44k_16.flac");
        try (AudioStream s = AudioFiles.open(file)) {
            assertEquals(new AudioInfo(file, "FLAC", "FLAC 16-bit", 44100, 2, 44100), s.info());
            float[][] got = TestWavs.readAll(s);
            for (int c = 0; c < 2; c++) {
                double[] ref = TestWavs.sine(c == 0 ? 1000 : 2500, 0.5, 44100, 44100);
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(Math.round(ref[i] * 32768) / 32768.0, got[c][i], 1.0 / 32768 + 1e-9);
                }
            }
        }
    }

    @Test
    void flac24BitAt16kHz() throws IOException {
        Path file = fixture("tone_mono_16k_24.flac");
        try (AudioStream s = AudioFiles.open(file)) {
            assertEquals("FLAC 24-bit", s.info().codec());
            float[] got = TestWavs.readAll(s)[0];
            double[] ref = TestWavs.sine(1000, 0.5, 16000, 16000);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1.0 / (1 << 23) + 1e-7);
            }
        }
    }

    @Test
    void mp3DecodesBothChannels() throws IOException {
        Path file = fixture("tone_stereo_44k.mp3");
        try (AudioStream s = AudioFiles.open(file)) {
            assertEquals("MP3", s.info().container());
            assertEquals(44100, s.info().sampleRate());
            assertEquals(2, s.info().channels());
            float[][] got = TestWavs.readAll(s);
            assertTrue(got[0].length >= 88200, "decoded " + got[0].length + " frames");
            int from = 10000;
            int to = 80000;
            // 128 kbit/s joint stereo: within 0.7 dB of the source level
            assertEquals(0.5, Signals.toneAmplitude(got[0], from, to, 1000, 44100), 0.04);
            assertEquals(0.5, Signals.toneAmplitude(got[1], from, to, 2500, 44100), 0.04);
            assertTrue(Signals.toneAmplitude(got[0], from, to, 2500, 44100) < 0.01, "channels must not mix");
        }
    }

    @Test
    void oggVorbisDecodes() throws IOException {
        Path file = fixture("tone_mono_22k.ogg");
        try (AudioStream s = AudioFiles.open(file)) {
            assertEquals(new AudioInfo(file, "Ogg", "Vorbis", 22050, 1, AudioInfo.UNKNOWN_LENGTH), s.info());
            float[] got = TestWavs.readAll(s)[0];
            assertEquals(44100, got.length, "trimmed to the final granule position");
            assertEquals(0.5, Signals.toneAmplitude(got, 5000, 40000, 1000, 22050), 0.02);
        }
    }

    @Test
    void contentWinsOverAMisleadingExtension() throws IOException {
        Path flacNamedWav = dir.resolve("really-flac.wav");
        Files.copy(fixture("tone_mono_16k_24.flac"), flacNamedWav);
        try (AudioStream s = AudioFiles.open(flacNamedWav)) {
            assertEquals("FLAC", s.info().container());
        }
    }

    @Test
    void truncatedFlacIsReported() throws IOException {
        Path file = fixture("tone_stereo_44k_16.flac");
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.flac"), Arrays.copyOf(bytes, bytes.length / 2));
        AudioFileException e = assertThrows(AudioFileException.class, () -> drain(cut));
        assertTrue(e.reason().startsWith("truncated") || e.reason().startsWith("corrupt"), e.reason());
        assertEquals(cut, e.path());
    }

    @Test
    void damagedFlacFrameIsAnErrorNotSilence() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("tone_stereo_44k_16.flac"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
            bytes[i] ^= 0x5A;
        }
        Path bad = Files.write(dir.resolve("bad.flac"), bytes);
        AudioFileException e = assertThrows(AudioFileException.class, () -> drain(bad));
        assertTrue(e.reason().startsWith("corrupt FLAC"), e.reason());
    }

    @Test
    void truncatedOggIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("tone_mono_22k.ogg"));
        Path cut = Files.write(dir.resolve("cut.ogg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        AudioFileException e = assertThrows(AudioFileException.class, () -> drain(cut));
        assertTrue(e.reason().startsWith("truncated") || e.reason().startsWith("corrupt"), e.reason());
    }

    @Test
    void garbageWithAudioExtensionsIsRejected() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 'x';
        for (String name : new String[] {"junk.mp3", "junk.ogg", "junk.flac"}) {
            Path p = Files.write(dir.resolve(name), junk);
            AudioFileException e = assertThrows(AudioFileException.class, () -> drain(p), name);
            assertEquals(p, e.path());
        }
    }

    private static long drain(Path p) throws IOException {
        try (AudioStream s = AudioFiles.open(p)) {
            return TestWavs.readAll(s)[0].length;
        }
    }
}
