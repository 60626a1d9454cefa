package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.ChildJvm;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encode/decode outputs: never two inputs to one output, stdin to files, folders by slash, no temp files left. */
class OutputSafetyCliTest {
    @TempDir
    static Path shared;
    static Path checkpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        EngineSetup.configure(2);
        checkpoint = TestCheckpoints.micro(shared.resolve("train"), 5);
    }

    private static void clip(Path file, int seed) throws IOException {
        WavWriter.write(file, Soundscape.generate(seed, 8000, 4000), 8000, WavFormat.PCM_16);
    }

    @Test
    void inputsThatWouldShareAnOutputAreRefusedBeforeAnyWork() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String name : List.of("bird.wav", "bird.WAV", "bird.flac", "Bird.Wav")) {
            clip(in.resolve(name), name.hashCode());
        }
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), in.toString(), "-o",
                out.toString(), "--force");
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains(out.resolve("bird.ssc") + " <- " + in.resolve("bird.WAV") + ", "
                + in.resolve("bird.flac") + ", " + in.resolve("bird.wav")), r.err());
        assertFalse(first.contains("Bird.Wav"), "Bird.ssc has no rival: " + first);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void standardInputEncodesToAFileAndDecodesToAFile() throws IOException {
        Path wav = dir.resolve("x.wav");
        clip(wav, 3);
        Path ssc = dir.resolve("x.ssc");
        CliRunner.Result enc = withStdin(Files.readAllBytes(wav), () -> CliRunner.run("encode", "--checkpoint",
                checkpoint.toString(), "-", "-o", ssc.toString()));
        assertEquals(0, enc.code(), enc.err());
        Path fromFile = dir.resolve("fromfile.ssc");
        assertEquals(0, CliRunner.run("encode", "--checkpoint", checkpoint.toString(), wav.toString(), "-o",
                fromFile.toString()).code());
        byte[] a = Files.readAllBytes(ssc);
        byte[] b = Files.readAllBytes(fromFile);
        assertEquals(a.length, b.length);
        assertTrue(java.util.Arrays.equals(a, b), "stdin and file give the same bitstream");

        Path y = dir.resolve("y.wav");
        CliRunner.Result dec = withStdin(a, () -> CliRunner.run("decode", "--checkpoint", checkpoint.toString(), "-",
                "-o", y.toString()));
        assertEquals(0, dec.code(), dec.err());
        assertTrue(CliRunner.run("info", y.toString()).out().contains("8000 Hz, 1 ch, 0:00.500"));
    }

    @Test
    void anOutputEndingInASlashIsAFolder() throws IOException {
        Path wav = dir.resolve("call.wav");
        clip(wav, 4);
        CliRunner.Result r = CliRunner.run("encode", "--checkpoint", checkpoint.toString(), wav.toString(), "-o",
                dir.resolve("newdir") + "/");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("newdir/call.ssc")));
    }

    @Test
    void sigtermDuringAnEncodeLeavesNoTemporaryFile() throws Exception {
        Path out = dir.resolve("live.ssc");
        Process child = ChildJvm.start(SoundStreamCommand.class, "--threads", "1", "encode", "--checkpoint",
                checkpoint.toString(), "-", "-o", out.toString());
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            OutputStream stdin = child.getOutputStream();
            stdin.write(streamingWavHeader(8000));
            stdin.write(new byte[16000]); // a second of silence; the encoder then waits for more
            stdin.flush();
            WatchKey key = watch.poll(120, TimeUnit.SECONDS); // the temp file appears once the input is open
            assertTrue(key != null && !key.pollEvents().isEmpty(), "the encoder started writing");
            assertEquals(1, parts().size(), parts().toString());
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), parts());
        assertFalse(Files.exists(out));
    }

    private List<Path> parts() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** A 16-bit mono WAV header whose sizes say "until the end of the stream", as arecord writes to a pipe. */
    private static byte[] streamingWavHeader(int rate) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16);
        h.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(-1);
        return h.array();
    }

    private interface Run {
        CliRunner.Result run();
    }

    private static CliRunner.Result withStdin(byte[] bytes, Run run) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(bytes));
        try {
            return run.run();
        } finally {
            System.setIn(saved);
        }
    }
}
