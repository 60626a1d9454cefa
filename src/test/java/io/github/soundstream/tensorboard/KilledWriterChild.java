package io.github.soundstream.tensorboard;

import java.nio.file.Path;
import java.time.Duration;

/** Child process for {@link KillDuringWriteTest}: writes forever until killed; says "ready" once data is on disk. */
public final class KilledWriterChild {
    private KilledWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        float[] clip = new float[48000];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (float) Math.sin(i * 0.05) * 0.5f;
        }
        SummaryWriter w = new SummaryWriter(Path.of(args[0]), Duration.ofMillis(1), 16);
        for (long step = 0; ; step++) {
            w.scalar("loss", step, 1.0 / (step + 1));
            w.audio("clip", step, clip, 24000);
            if (step == 20) {
                w.flush();
                System.out.println("ready");
                System.out.flush();
            }
        }
    }
}
