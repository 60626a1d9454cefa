package io.github.soundstream.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * A job's tallies, kept by its tasks as they produce rows. Accumulators rather than a second pass over the rows:
 * the rows hold the codes, which for a large corpus should go to the table and nowhere else; Spark applies a
 * task's updates once, from its successful attempt, in the action that writes the outputs.
 */
final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator done;
    private final LongAccumulator skipped;
    private final LongAccumulator failed;
    private final DoubleAccumulator seconds;
    private final CollectionAccumulator<String> failures;

    JobCounters(SparkContext sc) {
        done = sc.longAccumulator("files done");
        skipped = sc.longAccumulator("files skipped");
        failed = sc.longAccumulator("files failed");
        seconds = sc.doubleAccumulator("seconds of audio");
        failures = sc.collectionAccumulator("failures");
    }

    private static final int STATUS = CodesTable.SCHEMA.fieldIndex("status");
    private static final int SECONDS = CodesTable.SCHEMA.fieldIndex("seconds");
    private static final int ERROR = CodesTable.SCHEMA.fieldIndex("error");

    /**
     * Counts one result row: a row of {@link CodesTable#SCHEMA}, or of {@link CodesTable#RESULTS}, which starts
     * with the same columns (rows made by a task carry no schema, so columns go by position).
     */
    void count(Row r) {
        switch (r.getString(STATUS)) {
            case CodesTable.OK -> {
                done.add(1);
                seconds.add(r.getDouble(SECONDS));
            }
            case CodesTable.SKIPPED -> skipped.add(1);
            default -> {
                failed.add(1);
                failures.add(r.getString(ERROR));
            }
        }
    }

    JobSummary summary(String verb, long startNanos) {
        List<String> errors = new ArrayList<>(failures.value());
        errors.sort(null);
        return new JobSummary(verb, done.value() + skipped.value() + failed.value(), done.value(), skipped.value(),
                failed.value(), seconds.value(), (System.nanoTime() - startNanos) / 1e9,
                errors.subList(0, Math.min(errors.size(), JobSummary.FAILURES_SHOWN)));
    }
}
