package io.github.soundstream.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MutationFuzzer} in a child JVM with a 512 MB heap: {@value #DEFAULT_INPUTS} mutated inputs per format
 * by default (six formats), more with {@code -Dsoundstream.fuzz.inputs=N}, another sequence with
 * {@code -Dsoundstream.fuzz.seed=S}.
 */
class FuzzTest {
    private static final int DEFAULT_INPUTS = 500;

    @TempDir
    Path dir;

    @Test
    void everyMutatedInputEndsInAResultOrTheFormatsOwnError() throws Exception {
        EngineSetup.configure(1);
        Path checkpoint = TestCheckpoints.micro(dir.resolve("train"), 9);
        String inputs = System.getProperty("soundstream.fuzz.inputs", Integer.toString(DEFAULT_INPUTS));
        String seed = System.getProperty("soundstream.fuzz.seed", "1");
        Process p = ChildJvm.start(List.of("-Xmx512m"), MutationFuzzer.class, dir.resolve("work").toString(),
                checkpoint.toString(), inputs, seed);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        assertEquals(6, output.lines().filter(l -> l.contains(" inputs: {")).count(), output);
    }
}
