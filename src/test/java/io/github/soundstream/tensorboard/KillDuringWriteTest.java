package io.github.soundstream.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL while writing leaves a file TensorBoard reads up to, at most, the last record. */
class KillDuringWriteTest {
    @TempDir
    Path dir;

    @Test
    void killMinusNineCostsAtMostTheRecordBeingWritten() throws Exception {
        Process child = io.github.soundstream.ChildJvm.start(KilledWriterChild.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine(), "child reached its first flush");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        Path file = EventFiles.onlyEventFile(dir);
        EventFiles.Records records = EventFiles.read(file); // asserts every complete record's CRCs
        assertTrue(records.payloads().size() >= 1 + 2 * 21, "everything flushed before 'ready' survives: "
                + records.payloads().size());
        for (byte[] p : records.payloads().subList(1, records.payloads().size())) {
            EventFiles.Message value = EventFiles.decode(p).message(5).message(1);
            assertTrue(value.string(1).equals("loss") || value.string(1).equals("clip"));
        }
        TbCheck.verify(dir, "--expect-kind", "loss=scalar", "--expect-kind", "clip=audio");
    }
}
