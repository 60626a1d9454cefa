package io.github.soundstream.tensorboard;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages check log folders (Java read-back, and the validator where present). */
public final class TbCheckAccess {
    private TbCheckAccess() {
    }

    public static void verify(Path logDir, String... args) throws IOException, InterruptedException {
        TbCheck.verify(logDir, args);
    }
}
