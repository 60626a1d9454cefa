package io.github.soundstream.tensorboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Runs the independent validator {@code ../shared/tools/tbcheck/tbcheck.py} when python3 and the tool are here. */
final class TbCheck {
    record Outcome(int exitCode, String output) {
    }

    private TbCheck() {
    }

    static Path script() {
        return Path.of("..", "shared", "tools", "tbcheck", "tbcheck.py").toAbsolutePath().normalize();
    }

    static Outcome run(Path logDir, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isRegularFile(script()), "tbcheck not found at " + script());
        List<String> cmd = new ArrayList<>(List.of("python3", script().toString(), logDir.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }
}
