package io.github.soundstream.spark;

import io.github.soundstream.codec.FileCodec;
import io.github.soundstream.codec.ModelFingerprint;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Encodes the files of one partition, one after another, through the executor's codec: each file streams from
 * its file system a second at a time, so memory per task is the codes and the bitstream (6 kbit/s) whatever the
 * length. A file that cannot be read or decoded becomes a {@code failed} row and the task goes on.
 */
final class EncodeTask extends CorpusTask {
    private static final long serialVersionUID = 1L;
    private final int quantizers;
    /** Root of the mirrored .ssc files, or null for the table only. */
    private final String sscRoot;
    private final boolean table;

    EncodeTask(String checkpointName, int quantizers, String sscRoot, boolean table, HadoopConf conf,
            JobCounters counters) {
        super(checkpointName, conf, counters);
        this.quantizers = quantizers;
        this.sscRoot = sscRoot;
        this.table = table;
    }

    @Override
    Row process(Row in, SoundStreamCodec codec, FileCodec files, CorpusOutputs outputs) {
        return encode(in.getString(0), in.getString(1), in.getString(2), files,
                ModelFingerprint.hex(codec.fingerprint()), outputs);
    }

    /**
     * One file. {@code tableStatus} is its row's status in the table from earlier runs (null: none): a file the
     * table holds encoded gets no second row, and one that failed before gets a row again only if it now encodes.
     */
    private Row encode(String path, String relative, String tableStatus, FileCodec files, String fingerprint,
            CorpusOutputs outputs) {
        boolean needRow = table && !CodesTable.OK.equals(tableStatus);
        try {
            Path ssc = sscRoot == null ? null : CorpusOutputs.mirrored(sscRoot, relative, ".ssc");
            boolean needSsc = ssc != null && !outputs.exists(ssc);
            if (!needSsc && !needRow) {
                return CodesTable.result(CodesTable.skipped(path, relative), false);
            }
            Path input = new Path(path);
            LayerCodes codes = new LayerCodes(quantizers);
            FileCodec.EncodedBytes encoded;
            try (InputStream in = outputs.fileSystem(input).open(input)) {
                encoded = files.encodeToBytes(in, java.nio.file.Path.of(path), quantizers, codes);
            }
            if (needSsc) {
                outputs.write(ssc, out -> out.write(encoded.bitstream()));
            }
            return CodesTable.result(CodesTable.encoded(path, relative, encoded.result().seconds(),
                    encoded.source().sampleRate(), codes.toArray(), fingerprint), needRow);
        } catch (IOException | RuntimeException e) {
            return CodesTable.result(CodesTable.failed(path, relative, Reasons.about(path, e)),
                    table && tableStatus == null);
        }
    }
}
