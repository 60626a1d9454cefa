package io.github.soundstream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.checkpoint.CheckpointFile;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCodecTest {
    @TempDir
    static Path dir;
    static Path checkpoint;

    @BeforeAll
    static void makeCheckpoint() throws IOException {
        EngineSetup.configure(2);
        checkpoint = TestCheckpoints.micro(dir.resolve("train"), 3);
    }

    private static Path input(String name, int seconds, int rate) throws IOException {
        Path p = dir.resolve(name);
        WavWriter.write(p, Soundscape.generate(seconds, rate, seconds * rate + 123), rate, WavFormat.PCM_16);
        return p;
    }

    /**
     * PyTorch's grad mode is per thread and only the engine's starting thread has it off: a worker thread (--jobs,
     * a Spark task) must still give the very bytes the main thread gives, for the bitstream and the audio.
     */
    @Test
    void anyThreadEncodesAndDecodesTheSameBytes() throws Exception {
        Path in = input("threads.wav", 2, 16000);
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec files = new FileCodec(codec);
            assertFalse(ai.djl.pytorch.jni.JniUtils.isGradMode(), "the engine's thread starts with grad mode off");
            files.encode(in, dir.resolve("main.ssc"), 4);
            files.decode(dir.resolve("main.ssc"), dir.resolve("main.wav"), null, false);
            Throwable[] failure = {null};
            Thread worker = new Thread(() -> {
                try {
                    assertTrue(ai.djl.pytorch.jni.JniUtils.isGradMode(), "a new thread starts with grad mode on");
                    files.encode(in, dir.resolve("worker.ssc"), 4);
                    files.decode(dir.resolve("worker.ssc"), dir.resolve("worker.wav"), null, false);
                    assertTrue(ai.djl.pytorch.jni.JniUtils.isGradMode(), "and has it back on afterwards");
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            worker.start();
            worker.join();
            if (failure[0] != null) {
                throw new AssertionError(failure[0]);
            }
            for (String name : new String[] {".ssc", ".wav"}) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("main" + name)),
                        Files.readAllBytes(dir.resolve("worker" + name)), name);
            }
        }
    }

    @Test
    void fileEncodeDecodeMatchesTheModelOnTheWholeSignal() throws IOException {
        Path in = input("a.wav", 3, 8000);
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec files = new FileCodec(codec);
            Path ssc = dir.resolve("a.ssc");
            FileCodec.EncodeResult r = files.encode(in, ssc, 4);
            assertEquals(24123, r.samples());
            assertEquals(Files.size(ssc), r.bytes());
            Path out = dir.resolve("a_out.wav");
            assertEquals(24123, files.decode(ssc, out, null, false));
            float[] decoded = AudioFiles.readMono(out, 8000);
            // the reference: whole-signal encode + decode through the generator
            float[] audio = AudioFiles.readMono(in, 8000);
            try (NDManager m = NDManager.newBaseManager()) {
                var g = loadGenerator(m);
                var x = m.create(audio, new Shape(1, 1, audio.length));
                float[] ref = g.decode(g.encode(x, 4), audio.length).toFloatArray();
                new DcBlocker(8000).process(ref); // the codec's decoder ends in it
                for (int i = 0; i < ref.length; i++) {
                    float clipped = Math.max(-1f, Math.min(32767 / 32768f, ref[i]));
                    assertEquals(clipped, decoded[i], 1.01 / 32768 + 1e-5, "sample " + i);
                }
            }
            // decoding at another rate resamples
            Path at16k = dir.resolve("a_16k.wav");
            assertEquals(48246, files.decode(ssc, at16k, 16000, false));
        }
    }

    private static io.github.soundstream.model.SoundStreamGenerator loadGenerator(NDManager m) throws IOException {
        var meta = io.github.soundstream.checkpoint.CheckpointFile.readMeta(checkpoint);
        var g = new io.github.soundstream.model.SoundStreamGenerator(meta.model());
        g.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
        io.github.soundstream.checkpoint.CheckpointFile.loadGenerator(checkpoint, g, m);
        return g;
    }

    @Test
    void streamsOfUnknownLengthWork() throws IOException {
        Path in = input("b.wav", 2, 8000);
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec files = new FileCodec(codec);
            ByteArrayOutputStream ssc = new ByteArrayOutputStream();
            files.encode(Files.newInputStream(in), ssc, 2);
            ByteArrayOutputStream wav = new ByteArrayOutputStream();
            long n = files.decode(new ByteArrayInputStream(ssc.toByteArray()), wav, null, false);
            assertEquals(16123, n);
            Path fromFile = dir.resolve("b.ssc");
            files.encode(in, fromFile, 2);
            assertArrayEquals(Files.readAllBytes(fromFile), ssc.toByteArray(), "stdin and file give the same bytes");
        }
    }

    @Test
    void anotherModelsBitstreamIsRefusedUnlessForced() throws IOException {
        Path other = TestCheckpoints.micro(dir.resolve("other"), 99);
        Path in = input("c.wav", 1, 8000);
        Path ssc = dir.resolve("c.ssc");
        try (SoundStreamCodec a = SoundStreamCodec.load(checkpoint)) {
            new FileCodec(a).encode(in, ssc, 4);
        }
        try (SoundStreamCodec b = SoundStreamCodec.load(other)) {
            Path out = dir.resolve("c.wav.out.wav");
            BitstreamException e = assertThrows(BitstreamException.class,
                    () -> new FileCodec(b).decode(ssc, out, null, false));
            assertTrue(e.getMessage().contains("made with model"), e.getMessage());
            assertFalse(Files.exists(out), "nothing written");
            assertEquals(8123, new FileCodec(b).decode(ssc, out, null, true));
        }
    }

    @Test
    void aDamagedBitstreamLeavesNoOutput() throws IOException {
        Path in = input("d.wav", 20, 8000);
        Path ssc = dir.resolve("d.ssc");
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec files = new FileCodec(codec);
            files.encode(in, ssc, 4);
            byte[] bytes = Files.readAllBytes(ssc);
            bytes[bytes.length - 50] ^= 0x40;
            Path bad = Files.write(dir.resolve("d_bad.ssc"), bytes);
            Path out = dir.resolve("d_bad.wav");
            BitstreamException e = assertThrows(BitstreamException.class, () -> files.decode(bad, out, null, false));
            assertTrue(e.getMessage().startsWith("packet 1 at byte"), e.getMessage());
            assertFalse(Files.exists(out));
        }
    }
}
