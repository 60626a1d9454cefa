package io.github.soundstream.spark;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** What a corpus job did: files by outcome, hours of audio, and the failures' one-line errors (the first few). */
record JobSummary(String verb, long files, long done, long skipped, long failed, double audioSeconds,
        double wallSeconds, List<String> failures) {
    static final int FAILURES_SHOWN = 20;

    /**
     * Counts the job's result rows (one per input file, with {@link CodesTable}'s status column); the job's time
     * runs from {@code startNanos} to the end of this count, which may be what computes the rows.
     */
    static JobSummary of(String verb, Dataset<Row> results, long startNanos) {
        long done = 0;
        long skipped = 0;
        long failed = 0;
        double seconds = 0;
        for (Row r : results.groupBy("status").agg(functions.count("*"), functions.sum("seconds")).collectAsList()) {
            long n = r.getLong(1);
            switch (r.getString(0)) {
                case CodesTable.OK -> {
                    done = n;
                    seconds = r.isNullAt(2) ? 0 : r.getDouble(2);
                }
                case CodesTable.SKIPPED -> skipped = n;
                default -> failed += n;
            }
        }
        List<String> failures = results.filter(functions.col("status").equalTo(CodesTable.FAILED))
                .select("error").orderBy("error").limit(FAILURES_SHOWN).as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        return new JobSummary(verb, done + skipped + failed, done, skipped, failed, seconds,
                (System.nanoTime() - startNanos) / 1e9, failures);
    }

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
