package io.github.soundstream.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class SpectrogramImageTest {
    @Test
    void sideBySideWithAToneInTheRightPlace() {
        int sr = 24000;
        float[] tone = new float[sr];
        for (int i = 0; i < sr; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 3000 * i / sr));
        }
        float[] silence = new float[sr];
        BufferedImage img = SpectrogramImage.render(sr, tone, silence);
        int frames = sr / 256 + 1;
        assertEquals(2 * frames + 6, img.getWidth());
        assertEquals(160, img.getHeight());
        int x = frames / 2;
        int brightestRow = 0;
        int best = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            int rgb = img.getRGB(x, y);
            int luminance = (rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF);
            if (luminance > best) {
                best = luminance;
                brightestRow = y;
            }
        }
        int melBand = (img.getHeight() - 1 - brightestRow) / 2;
        double centre = io.github.soundstream.audio.MelFilterbank.melToHz(
                io.github.soundstream.audio.MelFilterbank.hzToMel(12000) * (melBand + 1) / 81);
        assertEquals(3000, centre, 250, "brightest band sits at the tone");
        assertEquals(Colormap.magma(0), img.getRGB(frames + 6 + 10, 50) & 0xFFFFFF, "silence is the darkest colour");
        assertTrue((img.getRGB(frames + 2, 0) & 0xFFFFFF) == 0xFFFFFF, "white gap between the two");
    }
}
