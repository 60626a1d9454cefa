package io.github.soundstream.tensorboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG bytes of an image, cached in memory. {@code ImageIO.write} to a plain stream caches through a temp file and
 * registers a shutdown hook, which fails while the JVM shuts down: the samples a run writes after Ctrl-C were lost.
 */
public final class Png {
    private Png() {
    }

    public static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG encoder available");
            }
        }
        return png.toByteArray();
    }
}
