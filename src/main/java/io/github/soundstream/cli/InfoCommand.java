package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFileException;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.AudioInfo;
import io.github.soundstream.audio.AudioInspection;
import io.github.soundstream.audio.AudioInventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code soundstream info}: format, rate, channels, duration and levels of files; per-format totals of folders. */
@Command(name = "info", header = "Format, rate, channels, duration and levels of audio files.", description = {
        "Describe audio files: container/codec, sample rate, channels, duration, peak and RMS level (dBFS).",
        "For a directory: totals per format and overall hours. Unreadable files are listed as 'path: reason'."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Audio files (wav, flac, mp3, ogg) or folders.")
    List<Path> paths;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                failures += summarizeDirectory(path, out, err);
            } else {
                try {
                    out.println(describe(path, AudioInspection.inspect(path)));
                } catch (IOException | RuntimeException e) {
                    err.println(reasonLine(path, e));
                    failures++;
                }
            }
            out.flush();
        }
        return failures == 0 ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
    }

    private static int summarizeDirectory(Path dir, PrintWriter out, PrintWriter err) {
        List<Path> files;
        try {
            files = AudioFiles.scan(dir);
        } catch (IOException e) {
            err.println(reasonLine(dir, e));
            return 1;
        }
        AudioInventory inventory = new AudioInventory();
        for (Path file : files) {
            try {
                inventory.add(AudioInspection.inspect(file));
            } catch (AudioFileException e) {
                inventory.addFailure(e);
                err.println(e.getMessage());
            } catch (IOException | RuntimeException e) {
                inventory.addFailure(new AudioFileException(file, io.github.soundstream.files.Reasons.of(e), e));
                err.println(reasonLine(file, e));
            }
            err.flush();
        }
        out.printf(Locale.ROOT, "%s: %d audio files, %.2f h%s%n", dir, inventory.readableFiles(),
                inventory.totalHours(),
                inventory.failures().isEmpty() ? "" : ", " + inventory.failures().size() + " unreadable");
        for (Map.Entry<String, AudioInventory.FormatTotals> e : inventory.byFormat().entrySet()) {
            AudioInventory.FormatTotals t = e.getValue();
            out.printf(Locale.ROOT, "  %-28s %6d files %9.2f h   %s Hz   %s ch%n", e.getKey(), t.files(), t.hours(),
                    join(t.sampleRates()), join(t.channelCounts()));
        }
        if (files.isEmpty()) {
            out.println("  (no wav, flac, mp3 or ogg files found)");
        }
        return inventory.failures().size();
    }

    static String describe(Path path, AudioInspection inspection) {
        AudioInfo info = inspection.info();
        return String.format(Locale.ROOT, "%s: %s (%s), %d Hz, %d ch, %s, peak %s dBFS, RMS %s dBFS", path,
                info.container(), info.codec(), info.sampleRate(), info.channels(),
                formatDuration(info.durationSeconds()), formatDb(inspection.peakDbfs()),
                formatDb(inspection.rmsDbfs()));
    }

    static String formatDuration(double seconds) {
        long millis = Math.round(seconds * 1000);
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        double s = millis % 60_000 / 1000.0;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%06.3f", h, m, s)
                : String.format(Locale.ROOT, "%d:%06.3f", m, s);
    }

    private static String formatDb(double db) {
        return Double.isInfinite(db) ? "-inf" : String.format(Locale.ROOT, "%.1f", db);
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("/"));
    }

    private static String reasonLine(Path path, Exception e) {
        return e instanceof AudioFileException ? e.getMessage() : path + ": " + io.github.soundstream.files.Reasons.of(e);
    }
}
