package io.github.soundstream.spark;

import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Decodes {@code .ssc} files, or the codes table, to WAV files mirrored under an output root. */
final class CorpusDecodeJob {
    /** What to decode (a folder, glob, list of paths, or the table) and where to. */
    record Options(Path checkpoint, String input, String inputList, String table, String outRoot, Integer sampleRate,
            int partitions) {
    }

    private final SparkSession spark;

    CorpusDecodeJob(SparkSession spark) {
        this.spark = spark;
    }

    JobSummary run(Options o) throws IOException {
        long start = System.nanoTime();
        try (SoundStreamCodec checked = SoundStreamCodec.load(o.checkpoint())) {
            checked.config(); // a damaged checkpoint fails here, on the driver, before any task
        } catch (IOException e) {
            throw new IOException(Reasons.about(o.checkpoint().toString(), e), e);
        }
        Dataset<Row> inputs;
        long count;
        if (o.table() != null) {
            inputs = spark.read().parquet(o.table()).filter(functions.col("status").equalTo(CodesTable.OK))
                    .dropDuplicates("path");
            count = inputs.count();
        } else {
            List<CorpusListing.Entry> files = CorpusJobs.list(spark, name -> name.endsWith(".ssc"), o.input(),
                    o.inputList());
            inputs = CorpusJobs.rows(spark, files, Map.of());
            count = files.size();
        }
        JobCounters counters = new JobCounters(spark.sparkContext());
        DecodeTask task = new DecodeTask(CorpusJobs.ship(spark, o.checkpoint()), o.outRoot(), o.sampleRate(),
                new HadoopConf(spark.sparkContext().hadoopConfiguration()), counters);
        return CorpusJobs.run("decoded", start, inputs, count, o.partitions(), task, counters, CodesTable.SCHEMA,
                null);
    }
}
