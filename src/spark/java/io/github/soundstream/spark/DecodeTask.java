package io.github.soundstream.spark;

import io.github.soundstream.codec.BitstreamWriter;
import io.github.soundstream.codec.FileCodec;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.codec.StreamHeader;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.files.Reasons;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Decodes one partition's bitstreams ({@code .ssc} files, or rows of the codes table) to WAV files mirrored under
 * the output root. Each WAV is written on the executor's local disk, then copied whole to its file system under
 * a temporary name and renamed, so an output that exists is complete and a rerun skips it.
 */
final class DecodeTask extends CorpusTask {
    private static final long serialVersionUID = 1L;
    private final String outRoot;
    /** Output rate; null for the model's; {@link #SOURCE_RATE} for the source file's, where the table has it. */
    private final Integer sampleRate;
    static final int SOURCE_RATE = -1;

    DecodeTask(String checkpointName, String outRoot, Integer sampleRate, HadoopConf conf, JobCounters counters) {
        super(checkpointName, conf, counters);
        this.outRoot = outRoot;
        this.sampleRate = sampleRate;
    }

    @Override
    Row process(Row in, SoundStreamCodec codec, FileCodec files, CorpusOutputs outputs) {
        return decode(in, codec, files, outputs);
    }

    private Row decode(Row in, SoundStreamCodec codec, FileCodec files, CorpusOutputs outputs) {
        String path = in.getString(in.fieldIndex("path"));
        String relative = in.getString(in.fieldIndex("relative_path"));
        try {
            Path wav = CorpusOutputs.mirrored(outRoot, relative, ".wav");
            if (outputs.exists(wav)) {
                return CodesTable.skipped(path, relative);
            }
            java.nio.file.Path local = Files.createTempFile("soundstream-decode-", ".wav");
            try {
                Integer rate = outputRate(in, codec);
                long samples;
                try (InputStream bitstream = open(in, path, codec, outputs)) {
                    samples = files.decodeToFile(bitstream, local, rate, false);
                }
                outputs.write(wav, out -> Files.copy(local, out));
                return CodesTable.decoded(path, relative, samples / (double) rate, rate);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException | RuntimeException e) {
            return CodesTable.failed(path, relative, Reasons.about(path, e));
        }
    }

    /** The rate this row decodes to: as asked, or the source's where asked for and known, else the model's. */
    private int outputRate(Row in, SoundStreamCodec codec) {
        if (sampleRate == null) {
            return codec.config().sampleRate();
        }
        if (sampleRate != SOURCE_RATE) {
            return sampleRate;
        }
        int column = java.util.Arrays.asList(in.schema().fieldNames()).indexOf("sample_rate");
        return column >= 0 && !in.isNullAt(column) ? in.getInt(column) : codec.config().sampleRate();
    }

    /** The row's bitstream: its .ssc file, or one rebuilt from the table's codes with the model they name. */
    private static InputStream open(Row in, String path, SoundStreamCodec codec, CorpusOutputs outputs)
            throws IOException {
        if (in.schema().getFieldIndex("codes").isEmpty()) {
            Path ssc = new Path(path);
            return outputs.fileSystem(ssc).open(ssc);
        }
        ModelConfig c = codec.config();
        int[][] layers = CodesTable.codes(in);
        long samples = Math.round(in.getDouble(in.fieldIndex("seconds")) * c.sampleRate());
        int fingerprint = Integer.parseUnsignedInt(in.getString(in.fieldIndex("model_fingerprint")), 16);
        StreamHeader header = new StreamHeader(c.sampleRate(), c.hopLength(), layers.length, c.bitsPerCode(),
                samples, fingerprint);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitstreamWriter writer = new BitstreamWriter(bytes, header);
        writer.write(LayerCodes.frames(layers));
        writer.finish();
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
