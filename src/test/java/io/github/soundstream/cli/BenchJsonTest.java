package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.soundstream.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --json} in a real process, as a user redirects it to a file: the JSON it prints (without a line end
 * at first) reached nobody when the JVM exited, so {@code --compare} had nothing to read.
 */
class BenchJsonTest {
    @TempDir
    Path dir;

    @Test
    void theJsonReachesStdoutAndComparesWithItself() throws Exception {
        String[] args = {"--threads", "1", "bench", "--preset", "tiny", "--train-steps", "0", "--runs", "1",
            "--seconds", "0.5", "--latency", "2", "--json"};
        String json = run(args);
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("tiny", o.get("preset").getAsString());
        assertEquals(2, o.get("stream_latency_frames").getAsInt());
        assertTrue(o.get("whole_encode_x_rt").getAsDouble() > 0, json);
        Path ref = Files.writeString(dir.resolve("ref.json"), json);
        String compared = run("--threads", "1", "bench", "--preset", "tiny", "--train-steps", "0", "--runs", "1",
                "--seconds", "0.5", "--compare", ref.toString());
        assertTrue(compared.contains("against " + ref), compared);
    }

    private static String run(String... args) throws Exception {
        Process p = ChildJvm.start(SoundStreamCommand.class, args);
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
