package io.github.soundstream.bench;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.MonoStream;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decode + downmix + resample-to-24 kHz throughput, in × real time on the calling thread (the loader's work for one
 * training clip). Not a unit test: run it by hand, see docs/BENCHMARKS.md for the command.
 *
 * <p>Inputs: a 60 s 44.1 kHz stereo 16-bit WAV of the synthetic corpus, and its FLAC encoding when {@code flac} is
 * on PATH; or the files given as arguments.
 */
public final class DecodeThroughput {
    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        if (args.length > 0) {
            for (String a : args) {
                inputs.add(Path.of(a));
            }
        } else {
            Path dir = Files.createTempDirectory("decode-bench");
            Path wav = dir.resolve("stereo_44k.wav");
            writeStereo(wav, 60, 44100);
            inputs.add(wav);
            Path flac = dir.resolve("stereo_44k.flac");
            try {
                Process p = new ProcessBuilder("flac", "-s", "-f", "-5", "-o", flac.toString(), wav.toString())
                        .inheritIO().start();
                if (p.waitFor() == 0) {
                    inputs.add(flac);
                }
            } catch (IOException e) {
                System.out.println("flac not on PATH: FLAC skipped");
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d available processors, decode on 1 thread%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (Path in : inputs) {
            double[] speeds = new double[RUNS];
            double seconds = 0;
            for (int r = -2; r < RUNS; r++) { // two warm-up runs
                long t0 = System.nanoTime();
                long samples;
                try (MonoStream s = AudioFiles.openMono(in, 24000)) {
                    samples = drain(s);
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                seconds = samples / 24000.0;
                if (r >= 0) {
                    speeds[r] = seconds / elapsed;
                }
            }
            Arrays.sort(speeds);
            System.out.printf(Locale.ROOT, "%-16s %6.1f s audio: median %7.0f x real time (min %.0f, max %.0f)%n",
                    in.getFileName(), seconds, speeds[RUNS / 2], speeds[0], speeds[RUNS - 1]);
        }
    }

    private static long drain(MonoStream s) throws IOException {
        float[] buf = new float[8192];
        long n = 0;
        int got;
        while ((got = s.read(buf, 0, buf.length)) >= 0) {
            n += got;
        }
        return n;
    }

    private static void writeStereo(Path file, int seconds, int rate) throws IOException {
        float[] left = Soundscape.generate(1, rate, seconds * rate);
        float[] right = Soundscape.generate(2, rate, seconds * rate);
        float[] interleaved = new float[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        try (WavWriter w = new WavWriter(file, rate, 2, WavFormat.PCM_16)) {
            w.write(interleaved, 0, left.length);
            w.commit();
        }
    }
}
