package io.github.soundstream.metrics;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opus at the same bitrate, for comparison: {@code opusenc}/{@code opusdec} (opus-tools) or {@code ffmpeg} with
 * libopus, found on PATH only. opusenc takes bitrates down to 3 kbit/s (at that setting its packets come to about 4;
 * the report shows the rate achieved), so lower rates have no baseline.
 */
public final class OpusBaseline {
    public static final double MIN_KBPS = 3;

    private final boolean opusTools;

    private OpusBaseline(boolean opusTools) {
        this.opusTools = opusTools;
    }

    /** The baseline if opusenc+opusdec or ffmpeg is on PATH. */
    public static Optional<OpusBaseline> find() {
        if (onPath("opusenc") && onPath("opusdec")) {
            return Optional.of(new OpusBaseline(true));
        }
        return onPath("ffmpeg") ? Optional.of(new OpusBaseline(false)) : Optional.empty();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    public String tool() {
        return opusTools ? "opus-tools" : "ffmpeg";
    }

    /** Encoded size in bytes and the decoded audio, trimmed or padded to the input length. */
    public record Coded(long bytes, float[] audio) {
    }

    public Coded roundTrip(float[] audio, int rate, double kbps) throws IOException {
        Path dir = Files.createTempDirectory("opus-baseline");
        try {
            Path in = dir.resolve("in.wav");
            Path opus = dir.resolve("out.opus");
            Path out = dir.resolve("out.wav");
            WavWriter.write(in, audio, rate, WavFormat.PCM_16);
            String bitrate = String.format(Locale.ROOT, "%.3f", kbps);
            if (opusTools) {
                run(List.of("opusenc", "--quiet", "--bitrate", bitrate, in.toString(), opus.toString()));
                run(List.of("opusdec", "--quiet", "--rate", Integer.toString(rate), opus.toString(), out.toString()));
            } else {
                run(List.of("ffmpeg", "-v", "error", "-y", "-i", in.toString(), "-c:a", "libopus", "-b:a",
                        Math.round(kbps * 1000) + "", opus.toString()));
                run(List.of("ffmpeg", "-v", "error", "-y", "-i", opus.toString(), "-ar", Integer.toString(rate),
                        "-ac", "1", out.toString()));
            }
            return new Coded(Files.size(opus), Arrays.copyOf(AudioFiles.readMono(out, rate), audio.length));
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException(cmd.get(0) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
