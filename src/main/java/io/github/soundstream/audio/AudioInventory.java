package io.github.soundstream.audio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Totals over many inspected files, per format ("WAV PCM 16-bit") and overall, plus the files that failed. */
public final class AudioInventory {
    /** Totals of one format. */
    public static final class FormatTotals {
        private int files;
        private double seconds;
        private final TreeSet<Integer> sampleRates = new TreeSet<>();
        private final TreeSet<Integer> channelCounts = new TreeSet<>();

        public int files() {
            return files;
        }

        public double hours() {
            return seconds / 3600;
        }

        public List<Integer> sampleRates() {
            return List.copyOf(sampleRates);
        }

        public List<Integer> channelCounts() {
            return List.copyOf(channelCounts);
        }
    }

    private final Map<String, FormatTotals> byFormat = new TreeMap<>();
    private final List<AudioFileException> failures = new ArrayList<>();
    private double seconds;

    public void add(AudioInspection inspection) {
        AudioInfo info = inspection.info();
        FormatTotals t = byFormat.computeIfAbsent(info.container() + " " + info.codec(), k -> new FormatTotals());
        t.files++;
        t.seconds += info.durationSeconds();
        t.sampleRates.add(info.sampleRate());
        t.channelCounts.add(info.channels());
        seconds += info.durationSeconds();
    }

    public void addFailure(AudioFileException failure) {
        failures.add(failure);
    }

    public Map<String, FormatTotals> byFormat() {
        return Collections.unmodifiableMap(byFormat);
    }

    public List<AudioFileException> failures() {
        return Collections.unmodifiableList(failures);
    }

    public int readableFiles() {
        return byFormat.values().stream().mapToInt(FormatTotals::files).sum();
    }

    public double totalHours() {
        return seconds / 3600;
    }
}
