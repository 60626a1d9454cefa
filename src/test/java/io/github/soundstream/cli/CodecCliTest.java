package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecCliTest {
    @TempDir
    static Path dir;
    static Path checkpoint;


    @BeforeAll
    static void setUp() throws IOException {
        EngineSetup.configure(2);
        checkpoint = TestCheckpoints.micro(dir.resolve("train"), 5);
    }


    @Test
    void foldersAreMirroredBadFilesReportedAndExistingOutputsSkipped() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/birds/dawn"));
        WavWriter.write(in.resolve("one.wav"), Soundscape.generate(1, 8000, 8000), 8000, WavFormat.PCM_16);
        WavWriter.write(dir.resolve("in/two.WAV"), Soundscape.generate(2, 16000, 12000), 16000, WavFormat.FLOAT_32);
        Path broken = Files.writeString(dir.resolve("in/broken.mp3"), "nope");
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), dir.resolve("in").toString(), "-o",
                out.toString(), "--num-quantizers", "2");
        assertEquals(1, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("birds/dawn/one.ssc")));
        assertTrue(Files.exists(out.resolve("two.ssc")));
        assertFalse(Files.exists(out.resolve("broken.ssc")));
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(broken + ": "), r.err());

        CliRunner.Result again = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.resolve("one.wav").toString(), "-o",
                out.resolve("birds/dawn/one.ssc").toString());
        assertEquals(0, again.code());
        assertTrue(again.err().contains("exists, skipped"), again.err());

        CliRunner.Result decoded = CliRunner.run("decode", "--checkpoint", checkpoint.toString(), out.toString(), "-o",
                dir.resolve("wav").toString(), "--sample-rate", "16000");
        assertEquals(0, decoded.code(), decoded.err());
        CliRunner.Result info = CliRunner.run("info", dir.resolve("wav/birds/dawn/one.wav").toString());
        assertTrue(info.out().contains("16000 Hz, 1 ch, 0:01.000"), info.out());
    }

    /** Several files at once give the same bitstreams and audio as one at a time, and report in the files' order. */
    @Test
    void filesAtOnceMatchOneAtATime() throws IOException {
        Path in = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 7; i++) {
            WavWriter.write(in.resolve("clip" + i + ".wav"), Soundscape.generate(40 + i, 8000, 4000 + 900 * i), 8000,
                    WavFormat.PCM_16);
        }
        Files.writeString(in.resolve("clip3b.wav"), "RIFF, but no more");
        CliRunner.Result one = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o",
                dir.resolve("one").toString(), "--jobs", "1");
        CliRunner.Result four = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o",
                dir.resolve("four").toString(), "--jobs", "4");
        assertEquals(1, one.code(), one.err());
        assertEquals(1, four.code(), four.err());
        assertEquals(one.out().replace(dir.resolve("one").toString(), "OUT"),
                four.out().replace(dir.resolve("four").toString(), "OUT"), "the same lines, in the same order");
        assertTrue(four.err().startsWith(in.resolve("clip3b.wav") + ": "), four.err());
        assertEquals(8, four.out().lines().count() + four.err().lines().count());
        for (int i = 0; i < 7; i++) {
            String name = "clip" + i;
            org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(dir.resolve("one/" + name + ".ssc")),
                    Files.readAllBytes(dir.resolve("four/" + name + ".ssc")), name);
        }
        CliRunner.Result decoded = CliRunner.run("decode", "--checkpoint", checkpoint.toString(),
                dir.resolve("four").toString(), "-o", dir.resolve("four-wav").toString(), "-j", "3");
        CliRunner.Result decodedOne = CliRunner.run("decode", "--checkpoint", checkpoint.toString(),
                dir.resolve("four").toString(), "-o", dir.resolve("one-wav").toString(), "-j", "1");
        assertEquals(0, decoded.code(), decoded.err());
        assertEquals(0, decodedOne.code(), decodedOne.err());
        for (int i = 0; i < 7; i++) {
            // the codes are exact; audio may differ in its last bit, as between any two engine thread counts
            float[] a = io.github.soundstream.audio.AudioFiles.readMono(dir.resolve("one-wav/clip" + i + ".wav"), 8000);
            float[] b = io.github.soundstream.audio.AudioFiles.readMono(dir.resolve("four-wav/clip" + i + ".wav"), 8000);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 1.5f / 32768, "clip" + i);
        }
        assertEquals(2, CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o",
                dir.resolve("zero").toString(), "--jobs", "0").code());
    }

    @Test
    void bitrateChoiceAndRoundTripToWav() throws IOException {
        Path in = dir.resolve("rt.wav");
        WavWriter.write(in, Soundscape.generate(3, 8000, 16000), 8000, WavFormat.PCM_16);
        // micro model: 16 codes (4 bits) × 25 frames/s = 0.1 kbit/s per layer
        CliRunner.Result bad = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "--bitrate", "6");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("does not offer 6.0 kbit/s"), bad.err());
        CliRunner.Result rt = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o",
                dir.resolve("rt_out.wav").toString(), "--bitrate", "0.2");
        assertEquals(0, rt.code(), rt.err());
        assertTrue(rt.out().contains("kbit/s achieved"), rt.out());
        CliRunner.Result info = CliRunner.run("info", dir.resolve("rt_out.wav").toString());
        assertTrue(info.out().contains("8000 Hz, 1 ch, 0:02.000"), info.out());
    }

    @Test
    void decodeFindsItsCheckpointByFingerprintOrSaysWhy() throws IOException {
        Path in = dir.resolve("fp.wav");
        WavWriter.write(in, Soundscape.generate(4, 8000, 8000), 8000, WavFormat.PCM_16);
        Path ssc = dir.resolve("fp.ssc");
        assertEquals(0, CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o", ssc.toString()).code());
        CliRunner.Result none = CliRunner.run("decode", ssc.toString(), "-o", dir.resolve("fp_out.wav").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no --checkpoint given"), none.err());
    }
}
