package io.github.soundstream.spark;

import io.github.soundstream.codec.FileCodec;
import io.github.soundstream.codec.SoundStreamCodec;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * A partition of files through the executor's codec, one file after another, a result row for each; rows are
 * produced as Spark pulls them, so a partition's results are never all held at once.
 */
abstract class CorpusTask implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String checkpointName;
    private final HadoopConf conf;
    private final JobCounters counters;

    CorpusTask(String checkpointName, HadoopConf conf, JobCounters counters) {
        this.checkpointName = checkpointName;
        this.conf = conf;
        this.counters = counters;
    }

    /** One file's work; a failure is the returned row's, never thrown. */
    abstract Row process(Row input, SoundStreamCodec codec, FileCodec files, CorpusOutputs outputs);

    @Override
    public final Iterator<Row> call(Iterator<Row> inputs) {
        SoundStreamCodec codec = ExecutorCodecs.get(checkpointName);
        FileCodec files = new FileCodec(codec);
        CorpusOutputs outputs = new CorpusOutputs(conf.get());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public Row next() {
                Row r = process(inputs.next(), codec, files, outputs);
                counters.count(r);
                return r;
            }
        };
    }
}
