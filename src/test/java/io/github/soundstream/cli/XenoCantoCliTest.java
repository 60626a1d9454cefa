package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.download.xenocanto.FakeXenoCanto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of `download xeno-canto`: refusals before any request, a dry run, a run, the listing. */
class XenoCantoCliTest {
    @TempDir
    Path dir;

    @Test
    void refusesUntaggedQueriesAndRunsDryThenForReal() throws Exception {
        try (FakeXenoCanto server = new FakeXenoCanto()) {
            server.catalogue.add(new FakeXenoCanto.Entry(7, "Turdus", "merula", "Blackbird", "by", 12,
                    WavWriter.encode(new float[800], 8000, WavFormat.PCM_16)));
            CliRunner.Result untagged = CliRunner.run("download", "xeno-canto", "--query", "turdus merula", "--key",
                    FakeXenoCanto.KEY, "--dir", dir.toString(), "--base-url", server.origin());
            assertEquals(2, untagged.code(), untagged.err());
            assertTrue(untagged.err().startsWith("--query needs Xeno-canto's tag syntax"), untagged.err());
            assertEquals(0, server.requests.size());

            CliRunner.Result dry = CliRunner.run("download", "xeno-canto", "--query", "gen:turdus", "--key",
                    FakeXenoCanto.KEY, "--dir", dir.toString(), "--base-url", server.origin(), "--dry-run");
            assertEquals(0, dry.code(), dry.err());
            assertTrue(dry.out().contains("dry run: nothing downloaded"), dry.out());
            assertFalse(Files.exists(dir.resolve("xeno-canto")));

            CliRunner.Result real = CliRunner.run("download", "xeno-canto", "--query", "gen:turdus", "--key",
                    FakeXenoCanto.KEY, "--dir", dir.toString(), "--base-url", server.origin());
            assertEquals(0, real.code(), real.err());
            assertTrue(real.out().contains("train on it:  soundstream train --audio-dir "
                    + dir.resolve("xeno-canto/gen-turdus")), real.out());
            assertTrue(Files.isRegularFile(dir.resolve("xeno-canto/gen-turdus/XC7.wav")));

            CliRunner.Result list = CliRunner.run("download", "--list", "--dir", dir.toString());
            assertTrue(list.out().contains("xeno-canto/gen-turdus") && list.out().contains("licences {cc-by=1}"),
                    list.out());
        }
    }
}
