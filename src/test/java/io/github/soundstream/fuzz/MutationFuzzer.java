package io.github.soundstream.fuzz;

import io.github.soundstream.audio.AudioFileException;
import io.github.soundstream.audio.AudioInspection;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.codec.BitstreamException;
import io.github.soundstream.codec.BitstreamReader;
import io.github.soundstream.codec.BitstreamWriter;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.codec.StreamHeader;
import io.github.soundstream.engine.EngineSetup;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds seeded mutations of valid WAV, FLAC, Ogg Vorbis, MP3, {@code .ssc} and checkpoint files to their readers.
 * Every input must end in a valid result or the format's own exception naming the file: never another exception
 * type, never a hang (per-input time limit), never an OutOfMemoryError (run it with a bounded heap). Prints one
 * line per format and exits 1 if any input broke the promise.
 * Usage: {@code MutationFuzzer WORKDIR CHECKPOINT INPUTS_PER_FORMAT [SEED]}.
 */
public final class MutationFuzzer {
    private static final long LIMIT_SECONDS = 20;

    /** What one reader does with one file; throws what it throws. */
    @FunctionalInterface
    private interface Target {
        void read(Path file) throws Exception;
    }

    private record Format(String name, String extension, List<byte[]> seeds, Target target,
            Class<? extends Exception> own, boolean namesFile) {
    }

    private enum Outcome {
        VALID, FORMAT_ERROR, OTHER_EXCEPTION, UNNAMED_FILE, HANG, OUT_OF_MEMORY
    }

    private MutationFuzzer() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        Path checkpoint = Path.of(args[1]);
        int perFormat = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        EngineSetup.configure(1);
        List<Format> formats = formats(checkpoint);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz-target");
            t.setDaemon(true); // a hung target must not keep the JVM alive
            return t;
        });
        boolean broken = false;
        for (Format f : formats) {
            Map<Outcome, Integer> counts = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < perFormat; i++) {
                long inputSeed = seed * 1_000_003L + f.name().hashCode() * 31L + i;
                byte[] valid = f.seeds().get(i % f.seeds().size());
                Mutator.Mutant m = Mutator.mutate(valid, inputSeed);
                Path file = work.resolve("input-" + i + f.extension());
                Files.write(file, m.bytes());
                Result r = run(pool, f, file);
                Outcome o = r.outcome();
                counts.merge(o, 1, Integer::sum);
                if (o.ordinal() >= Outcome.OTHER_EXCEPTION.ordinal() && failures.size() < 10) {
                    failures.add("  " + o + ": seed " + inputSeed + ", " + m.how() + " (seed file "
                            + i % f.seeds().size() + "): " + r.detail());
                }
                Files.deleteIfExists(file);
            }
            System.out.println(String.format(Locale.ROOT, "%-10s %5d inputs: %s", f.name(), perFormat, counts));
            failures.forEach(System.out::println);
            broken |= !failures.isEmpty();
        }
        System.out.flush();
        System.exit(broken ? 1 : 0);
    }

    /** How one input ended, and what it threw. */
    private record Result(Outcome outcome, String detail) {
    }

    private static Result run(ExecutorService pool, Format f, Path file) throws InterruptedException {
        Future<Result> result = pool.submit(() -> {
            try {
                f.target().read(file);
                return new Result(Outcome.VALID, "");
            } catch (OutOfMemoryError e) {
                return new Result(Outcome.OUT_OF_MEMORY, e.toString());
            } catch (Exception e) {
                if (!f.own().isInstance(e)) {
                    return new Result(Outcome.OTHER_EXCEPTION, e.toString());
                }
                String m = String.valueOf(e.getMessage());
                boolean named = !f.namesFile() || m.startsWith(file.toString());
                return new Result(named ? Outcome.FORMAT_ERROR : Outcome.UNNAMED_FILE, e.toString());
            } catch (Throwable t) {
                return new Result(Outcome.OTHER_EXCEPTION, t.toString());
            }
        });
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Result(Outcome.HANG, "no result within " + LIMIT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Result(Outcome.OTHER_EXCEPTION, e.getCause().toString());
        }
    }

    private static List<Format> formats(Path checkpoint) throws IOException {
        List<Format> out = new ArrayList<>();
        Target decodeAll = file -> AudioInspection.inspect(file);
        out.add(new Format("wav", ".wav", List.of(
                WavWriter.encode(Soundscape.generate(1, 8000, 1600), 8000, WavFormat.PCM_16),
                WavWriter.encode(Soundscape.generate(2, 16000, 1600), 16000, WavFormat.FLOAT_32)),
                decodeAll, AudioFileException.class, true));
        out.add(new Format("flac", ".flac", List.of(resource("tone_mono_16k_24.flac"),
                resource("tone_stereo_44k_16.flac")), decodeAll, AudioFileException.class, true));
        out.add(new Format("ogg", ".ogg", List.of(resource("tone_mono_22k.ogg")), decodeAll,
                AudioFileException.class, true));
        out.add(new Format("mp3", ".mp3", List.of(resource("tone_stereo_44k.mp3")), decodeAll,
                AudioFileException.class, true));
        // the bitstream reader works on streams; the CLI puts the file's name before its message
        out.add(new Format("ssc", ".ssc", List.of(bitstream(8, 10, 900), bitstream(2, 4, 40)),
                MutationFuzzer::readBitstream, BitstreamException.class, false));
        out.add(new Format("checkpoint", ".ckpt", List.of(Files.readAllBytes(checkpoint)),
                file -> SoundStreamCodec.load(file).close(), IOException.class, true));
        return out;
    }

    private static void readBitstream(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            BitstreamReader r = new BitstreamReader(in);
            while (r.nextPacket() != null) {
                // reading is the test
            }
        }
    }

    private static byte[] bitstream(int layers, int bits, int frames) throws IOException {
        Random r = new Random(layers * 31L + bits);
        int[][] codes = new int[frames][layers];
        for (int[] f : codes) {
            for (int q = 0; q < layers; q++) {
                f[q] = r.nextInt(1 << bits);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitstreamWriter w = new BitstreamWriter(out, new StreamHeader(24000, 320, layers, bits, frames * 320L, 7));
        w.write(codes);
        w.finish();
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MutationFuzzer.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IOException("test resource /audio/" + name + " missing");
            }
            return in.readAllBytes();
        }
    }
}
