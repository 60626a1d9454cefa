package io.github.soundstream.metrics;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.codec.BitstreamWriter;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.codec.StreamingDecoder;
import io.github.soundstream.codec.StreamingEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a checkpoint over sample files at several bitrates and measures everything {@link Metrics} defines. */
public final class Evaluation {
    /** Longest excerpt evaluated per file (from its start), so hour-long recordings stay practical. */
    public static final double MAX_SECONDS = 10;

    /** One file at one bitrate. */
    public record Result(Path file, double kbps, int quantizers, double achievedKbps, Quality quality,
            double encodeSpeed, double decodeSpeed, float[] reconstruction, int[][] codes) {
        public double siSnr() {
            return quality.siSnr();
        }

        public double melDistance() {
            return quality.melDistance();
        }

        public double lsd() {
            return quality.lsd();
        }
    }

    /**
     * One file: its (excerpt of) audio, results per bitrate, Opus results where a baseline ran, and the network
     * without its quantizer where asked for (null otherwise).
     */
    public record Sample(Path file, float[] audio, List<Result> results, List<Result> opus, Result unquantized) {
    }

    private final SoundStreamCodec codec;
    private final OpusBaseline opus;
    private final boolean unquantized;

    public Evaluation(SoundStreamCodec codec) {
        this(codec, null, false);
    }

    /**
     * With an Opus baseline (null: none) run at every bitrate it supports, and with {@code unquantized}, the
     * network with its quantizer left out ({@link SoundStreamCodec#reconstructUnquantized}).
     */
    public Evaluation(SoundStreamCodec codec, OpusBaseline opus, boolean unquantized) {
        this.codec = codec;
        this.opus = opus;
        this.unquantized = unquantized;
    }

    public Sample evaluate(Path file, double[] kbps) throws IOException {
        int rate = codec.config().sampleRate();
        float[] audio = AudioFiles.readMono(file, rate);
        if (audio.length > MAX_SECONDS * rate) {
            audio = Arrays.copyOf(audio, (int) (MAX_SECONDS * rate));
        }
        if (audio.length == 0) {
            throw new IOException(file + ": no audio");
        }
        Quality.Reference reference = new Quality.Reference(audio, rate);
        List<Result> results = new ArrayList<>();
        List<Result> baseline = new ArrayList<>();
        for (double k : kbps) {
            results.add(run(file, audio, reference, k, codec.quantizersFor(k)));
            if (opus != null && k >= OpusBaseline.MIN_KBPS) {
                baseline.add(opus(file, audio, reference, k));
            }
        }
        return new Sample(file, audio, results, baseline, unquantized ? unquantized(file, audio, reference) : null);
    }

    private Result unquantized(Path file, float[] audio, Quality.Reference reference) {
        int rate = codec.config().sampleRate();
        long t0 = System.nanoTime();
        float[] y = codec.reconstructUnquantized(audio);
        double seconds = audio.length / (double) rate;
        double speed = seconds / ((System.nanoTime() - t0) / 1e9);
        return new Result(file, Double.NaN, 0, Double.NaN, reference.score(y), speed, speed, y,
                new int[0][]);
    }

    private Result opus(Path file, float[] audio, Quality.Reference reference, double kbps) throws IOException {
        int rate = codec.config().sampleRate();
        long t0 = System.nanoTime();
        OpusBaseline.Coded c = opus.roundTrip(audio, rate, kbps);
        double seconds = audio.length / (double) rate;
        double speed = seconds / ((System.nanoTime() - t0) / 1e9);
        float[] y = c.audio();
        return new Result(file, kbps, 0, c.bytes() * 8 / seconds / 1000, reference.score(y), speed, speed, y,
                new int[0][]);
    }

    private Result run(Path file, float[] audio, Quality.Reference reference, double kbps, int n)
            throws IOException {
        int rate = codec.config().sampleRate();
        long t0 = System.nanoTime();
        int[][] codes;
        try (StreamingEncoder enc = codec.encoder(n, 75)) {
            int[][] a = enc.push(audio, 0, audio.length);
            int[][] b = enc.finish();
            codes = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, codes, a.length, b.length);
        }
        long t1 = System.nanoTime();
        float[] y;
        try (StreamingDecoder dec = codec.decoder(75)) {
            y = Arrays.copyOf(dec.push(codes), audio.length);
        }
        long t2 = System.nanoTime();
        long[] bytes = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        BitstreamWriter w = new BitstreamWriter(counter, codec.header(n, audio.length));
        w.write(codes);
        w.finish();
        double seconds = audio.length / (double) rate;
        return new Result(file, kbps, n, bytes[0] * 8 / seconds / 1000, reference.score(y),
                seconds / ((t1 - t0) / 1e9), seconds / ((t2 - t1) / 1e9), y, codes);
    }
}
