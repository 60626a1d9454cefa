package io.github.soundstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OpusBaselineTest {
    @Test
    void opusRoundTripIsCloseAtItsBitrate() throws IOException {
        var opus = OpusBaseline.find();
        Assumptions.assumeTrue(opus.isPresent(), "opusenc/opusdec or ffmpeg not on PATH");
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 24000.0));
        }
        OpusBaseline.Coded c = opus.get().roundTrip(tone, 24000, 12);
        assertEquals(tone.length, c.audio().length);
        double kbps = c.bytes() * 8 / 2.0 / 1000;
        assertTrue(kbps > 6 && kbps < 25, "about 12 kbit/s plus container: " + kbps);
        double sc = Metrics.spectralConvergence(tone, c.audio());
        assertTrue(sc < 0.5, "the tone's spectrum survives: spectral convergence " + sc);
        double rms = 0;
        for (int i = 4800; i < 43200; i++) {
            rms += (double) c.audio()[i] * c.audio()[i];
        }
        assertEquals(0.5 / Math.sqrt(2), Math.sqrt(rms / 38400), 0.05, "level preserved");
    }
}
