package io.github.soundstream.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.api.java.function.ForeachPartitionFunction;

/** What the encode and decode jobs share. */
final class CorpusJobs {
    private CorpusJobs() {
    }

    /** A job's inputs: the files a list names when one is given, else the folder's or the glob's. */
    static List<CorpusListing.Entry> list(SparkSession spark, Predicate<String> accepts, String input,
            String inputList) throws IOException {
        CorpusListing listing = new CorpusListing(spark.sparkContext().hadoopConfiguration(), accepts);
        return inputList != null ? listing.fromList(inputList) : listing.of(input);
    }

    /** The listing as rows of {@link CodesTable#INPUTS}, with each path's status in the table (none: absent). */
    static Dataset<Row> rows(SparkSession spark, List<CorpusListing.Entry> files, Map<String, String> tableStatus) {
        List<Row> rows = new ArrayList<>(files.size());
        for (CorpusListing.Entry f : files) {
            rows.add(RowFactory.create(f.path(), f.relative(), tableStatus.get(f.path())));
        }
        return spark.createDataFrame(rows, CodesTable.INPUTS);
    }

    /**
     * Runs {@code task} over {@code inputs} ({@code count} rows) and hands its results to {@code write}, the one
     * action that computes them (a table to append to; null: none, the outputs are files), then sums them up.
     */
    static JobSummary run(String verb, long startNanos, Dataset<Row> inputs, long count, int partitions,
            CorpusTask task, JobCounters counters, StructType results, Consumer<Dataset<Row>> write) {
        Dataset<Row> done = inputs.repartition(partitions(partitions, count, inputs.sparkSession()))
                .mapPartitions(task, Encoders.row(results));
        if (write != null) {
            write.accept(done);
        } else {
            done.foreachPartition((ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(r -> { }));
        }
        return counters.summary(verb, startNanos);
    }

    /**
     * Ships the checkpoint to every executor with the job (once per session) and returns the name tasks find it
     * by. Spark refuses a second file of the same name from another folder, so two checkpoints named alike in one
     * session fail loudly instead of one standing in for the other.
     */
    static String ship(SparkSession spark, Path checkpoint) {
        SparkContext sc = spark.sparkContext();
        String uri = checkpoint.toAbsolutePath().toUri().toString();
        if (!scala.collection.JavaConverters.seqAsJavaListConverter(sc.listFiles()).asJava().contains(uri)) {
            sc.addFile(uri);
        }
        return checkpoint.getFileName().toString();
    }

    /**
     * Partitions for {@code files} inputs: as asked, else about four per task slot so that long and short files
     * even out across executors, never more than one per file.
     */
    static int partitions(int asked, long files, SparkSession spark) {
        long n = asked > 0 ? asked : 4L * spark.sparkContext().defaultParallelism();
        return (int) Math.max(1, Math.min(n, files));
    }
}
