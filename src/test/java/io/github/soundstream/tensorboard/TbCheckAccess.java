package io.github.soundstream.tensorboard;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages run the validator. */
public final class TbCheckAccess {
    /** The validator's exit code and output. */
    public record Outcome(int exitCode, String output) {
    }

    private TbCheckAccess() {
    }

    public static Outcome run(Path logDir, String... args) throws IOException, InterruptedException {
        TbCheck.Outcome o = TbCheck.run(logDir, args);
        return new Outcome(o.exitCode(), o.output());
    }
}
