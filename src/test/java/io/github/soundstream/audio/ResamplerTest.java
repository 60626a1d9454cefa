package io.github.soundstream.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {
    @TempDir
    Path dir;

    private static float[] resample(float[] x, int from, int to, int chunk) {
        StreamingResampler r = new StreamingResampler(from, to);
        float[][] out = {new float[0]};
        StreamingResampler.Sink sink = (buf, off, len) -> {
            int n = out[0].length;
            out[0] = Arrays.copyOf(out[0], n + len);
            System.arraycopy(buf, off, out[0], n, len);
        };
        for (int i = 0; i < x.length; i += chunk) {
            r.process(x, i, Math.min(chunk, x.length - i), sink);
        }
        r.finish(sink);
        return out[0];
    }

    private static float[] sine(double freq, double amp, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    @Test
    void sineAt44kTo24kHasThdPlusNoiseBelowMinus60Db() {
        float[] y = resample(sine(1000, 0.5, 44100, 44100 * 2), 44100, 24000, 4096);
        assertEquals(48000, y.length);
        double thdn = Signals.thdPlusNoiseDb(y, 2400, 45600, 1000, 24000);
        assertTrue(thdn < -60, "THD+N " + thdn + " dB");
        assertEquals(0.5, Signals.toneAmplitude(y, 2400, 45600, 1000, 24000), 0.005, "passband gain");
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {13000, 15000, 20000})
    void toneAboveNewNyquistIsAttenuatedAtLeast60Db(int freq) {
        float[] y = resample(sine(freq, 0.5, 44100, 44100), 44100, 24000, 4096);
        double inRms = 0.5 / Math.sqrt(2);
        double outRms = Signals.rms(y, 1200, 22800);
        double attenuation = 20 * Math.log10(outRms / inRms);
        assertTrue(attenuation <= -60, freq + " Hz attenuated by only " + attenuation + " dB");
    }

    @Test
    void chunkSizeDoesNotChangeTheResult() {
        float[] x = sine(440, 0.3, 16000, 16000 + 17);
        float[] whole = resample(x, 16000, 24000, x.length);
        float[] small = resample(x, 16000, 24000, 321);
        float[] tiny = resample(x, 16000, 24000, 7);
        assertEquals(Math.round((16000 + 17) * 1.5), whole.length);
        assertArrayEquals(whole, small, "bit-exact whatever the chunking");
        assertArrayEquals(whole, tiny);
    }

    @Test
    void sameRateIsIdentity() {
        float[] x = sine(440, 0.3, 24000, 1000);
        assertArrayEquals(x, resample(x, 24000, 24000, 100));
    }

    @Test
    void monoStreamAveragesChannelsAndResamples() throws IOException {
        double[] left = TestWavs.sine(1000, 0.8, 48000, 48000);
        double[] right = new double[48000];
        Path file = TestWavs.write(dir.resolve("st.wav"), 3, 32, 48000, new double[][] {left, right}, false);
        float[] mono = AudioFiles.readMono(file, 24000);
        assertEquals(24000, mono.length);
        assertEquals(0.4, Signals.toneAmplitude(mono, 1000, 23000, 1000, 24000), 0.002);
        try (MonoStream s = AudioFiles.openMono(file, 24000)) {
            assertEquals(24000, s.expectedLength());
            float[] chunked = new float[24000];
            int n = 0;
            int got;
            while ((got = s.read(chunked, n, Math.min(333, chunked.length - n))) > 0) {
                n += got;
            }
            assertEquals(24000, n);
            assertArrayEquals(mono, chunked);
        }
    }
}
