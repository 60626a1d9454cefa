package io.github.soundstream.spark;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Encodes a corpus on a Spark cluster: the driver lists the inputs and ships the checkpoint; each executor loads
 * it once and encodes its files to {@code .ssc} files mirrored under an output root and/or rows of a Parquet
 * table. Files whose outputs are complete from an earlier run are skipped; a failed file is a row with its error.
 */
final class CorpusEncodeJob {
    /** What to encode and where to; {@code layers} comes from the bitrate the caller asked for. */
    record Options(Path checkpoint, String input, String inputList, String sscRoot, String table, int layers,
            int partitions) {
    }

    private final SparkSession spark;

    CorpusEncodeJob(SparkSession spark) {
        this.spark = spark;
    }

    JobSummary run(Options o) throws IOException {
        long start = System.nanoTime();
        List<CorpusListing.Entry> files = CorpusJobs.list(spark, name -> AudioFiles.isAudioFileName(Path.of(name)),
                o.input(), o.inputList());
        JobCounters counters = new JobCounters(spark.sparkContext());
        EncodeTask task = new EncodeTask(CorpusJobs.ship(spark, o.checkpoint()), o.layers(), o.sscRoot(),
                o.table() != null, new HadoopConf(spark.sparkContext().hadoopConfiguration()), counters);
        return CorpusJobs.run("encoded", start, CorpusJobs.rows(spark, files, tableStatuses(o.table())), files.size(),
                o.partitions(), task, counters, CodesTable.RESULTS, o.table() == null ? null
                        : results -> results.filter(functions.col("to_table")).drop("to_table")
                                .write().mode(SaveMode.Append).parquet(o.table()));
    }

    /** Each path the table has a row for, with "ok" where any of its rows is (empty when there is no table). */
    private Map<String, String> tableStatuses(String table) throws IOException {
        Map<String, String> status = new HashMap<>();
        if (table == null) {
            return status;
        }
        org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(table);
        if (!t.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(t)) {
            return status;
        }
        for (Row r : spark.read().parquet(table).select("path", "status").distinct().collectAsList()) {
            status.merge(r.getString(0), r.getString(1), (a, b) -> CodesTable.OK.equals(a) ? a : b);
        }
        return status;
    }

    /** Layers for {@code kbps}, or all the model has; checks the checkpoint on the driver before any task. */
    static int layersFor(Path checkpoint, Double kbps, Integer layers) throws IOException {
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            if (layers != null) {
                if (layers < 1 || layers > codec.config().numQuantizers()) {
                    throw new IllegalArgumentException("--num-quantizers must be 1.." + codec.config().numQuantizers());
                }
                return layers;
            }
            return kbps != null ? codec.quantizersFor(kbps) : codec.config().numQuantizers();
        } catch (IOException e) {
            throw new IOException(Reasons.about(checkpoint.toString(), e), e);
        }
    }
}
