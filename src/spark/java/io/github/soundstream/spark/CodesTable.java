package io.github.soundstream.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet table of a corpus's codes, a row per input file. {@code codes[layer][frame]} holds the codebook
 * indices (layer 0 the coarsest), as an audio language model reads them; {@code seconds} is the audio's length;
 * {@code sample_rate} is the source file's rate. A file that failed has its {@code error} and no codes.
 */
final class CodesTable {
    static final String OK = "ok";
    static final String FAILED = "failed";
    /** In the job's summary only: the outputs were complete from an earlier run. */
    static final String SKIPPED = "skipped";

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("relative_path", DataTypes.StringType, false),
        DataTypes.createStructField("seconds", DataTypes.DoubleType, true),
        DataTypes.createStructField("sample_rate", DataTypes.IntegerType, true),
        DataTypes.createStructField("layers", DataTypes.IntegerType, true),
        DataTypes.createStructField("codes", DataTypes.createArrayType(
                DataTypes.createArrayType(DataTypes.IntegerType, false), false), true),
        DataTypes.createStructField("model_fingerprint", DataTypes.StringType, true),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
    });

    /** The listing a job starts from: each input, and the status of its row in the table (null: none yet). */
    static final StructType INPUTS = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("relative_path", DataTypes.StringType, false),
        DataTypes.createStructField("table_status", DataTypes.StringType, true),
    });

    /** What an encode task returns: a table row, and whether it is new to the table (appended). */
    static final StructType RESULTS = SCHEMA.add(DataTypes.createStructField("to_table", DataTypes.BooleanType, false));

    private CodesTable() {
    }

    static Row encoded(String path, String relative, double seconds, int sampleRate, int[][] codes,
            String fingerprint) {
        // arrays go in as they are: Spark takes a Java array for an array column, without boxing every code
        return RowFactory.create(path, relative, seconds, sampleRate, codes.length, codes, fingerprint, OK, null);
    }

    /** A summary row of a file decoded to audio. */
    static Row decoded(String path, String relative, double seconds, int sampleRate) {
        return RowFactory.create(path, relative, seconds, sampleRate, null, null, null, OK, null);
    }

    static Row failed(String path, String relative, String error) {
        return RowFactory.create(path, relative, null, null, null, null, null, FAILED, error);
    }

    static Row skipped(String path, String relative) {
        return RowFactory.create(path, relative, null, null, null, null, null, SKIPPED, null);
    }

    /** {@code row} of {@link #SCHEMA} as a row of {@link #RESULTS}. */
    static Row result(Row row, boolean toTable) {
        Object[] values = new Object[row.size() + 1];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        values[row.size()] = toTable;
        return RowFactory.create(values);
    }

    /** The codes of a row of this table, {@code [layer][frame]}. */
    static int[][] codes(Row row) {
        List<Object> layers = row.getList(row.fieldIndex("codes"));
        int[][] out = new int[layers.size()][];
        for (int l = 0; l < out.length; l++) {
            Object layer = layers.get(l);
            List<?> frames = layer instanceof scala.collection.Seq<?> seq
                    ? scala.collection.JavaConverters.seqAsJavaListConverter(seq).asJava() : (List<?>) layer;
            out[l] = new int[frames.size()];
            for (int f = 0; f < out[l].length; f++) {
                out[l][f] = (Integer) frames.get(f);
            }
        }
        return out;
    }
}
