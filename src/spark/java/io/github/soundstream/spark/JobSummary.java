package io.github.soundstream.spark;

import java.util.List;
import java.util.Locale;

/** What a corpus job did: files by outcome, hours of audio, and the failures' one-line errors (the first few). */
record JobSummary(String verb, long files, long done, long skipped, long failed, double audioSeconds,
        double wallSeconds, List<String> failures) {
    static final int FAILURES_SHOWN = 20;

    String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s %d of %d files (%.3f h of audio) in %.1f s: %.2f files/s, %.1f× real time", verb, done, files,
                audioSeconds / 3600, wallSeconds, done / wallSeconds, audioSeconds / wallSeconds));
        if (skipped > 0) {
            s.append(String.format(Locale.ROOT, "; %d skipped, complete from an earlier run", skipped));
        }
        if (failed > 0) {
            s.append(String.format(Locale.ROOT, "; %d failed%s:", failed,
                    failed > failures.size() ? " (the first " + failures.size() + " shown)" : ""));
            failures.forEach(f -> s.append("\n  ").append(f));
        }
        return s.toString();
    }
}
