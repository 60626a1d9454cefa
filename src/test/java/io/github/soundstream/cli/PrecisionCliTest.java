package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --precision}: bf16 runs in a child JVM (the mode is the process's for good), fp32 here. */
class PrecisionCliTest {
    @TempDir
    Path dir;

    @Test
    void bitstreamsEncodedInBf16DecodeInFp32() throws Exception {
        EngineSetup.configure(1);
        Path checkpoint = TestCheckpoints.micro(dir.resolve("train"), 3);
        Path wav = dir.resolve("in.wav");
        WavWriter.write(wav, Soundscape.generate(4, 24000, 24000), 24000, WavFormat.PCM_16);
        Path ssc = dir.resolve("bf16.ssc");
        Process p = ChildJvm.start(SoundStreamCommand.class, "--threads", "1", "encode", "--checkpoint",
                checkpoint.toString(), wav.toString(), "-o", ssc.toString(), "--precision", "bf16");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("precision: bf16"), out);
        assertTrue(Files.size(ssc) > 0);

        Path decoded = dir.resolve("decoded.wav");
        CliRunner.Result r = CliRunner.run("decode", "--checkpoint", checkpoint.toString(), ssc.toString(), "-o",
                decoded.toString(), "--precision", "fp32");
        assertEquals(0, r.code(), r.err());
        String info = CliRunner.run("info", decoded.toString()).out();
        assertTrue(info.contains("1 ch, 0:01.000"), info);
    }

    @Test
    void anotherPrecisionIsAOneLineUsageError() {
        CliRunner.Result r = CliRunner.run("encode", "x.wav", "--precision", "fp16");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("precision must be fp32 or bf16, got 'fp16'"), r.err());
    }
}
