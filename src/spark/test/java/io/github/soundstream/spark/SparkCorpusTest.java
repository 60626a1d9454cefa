package io.github.soundstream.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.codec.BitstreamReader;
import io.github.soundstream.codec.FileCodec;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.train.TestCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark corpus jobs in a real local-mode SparkSession on generated clips: codes and bitstreams identical to
 * the CLI's encode of the same files, a corrupt file reported and not fatal, reruns skipping complete outputs.
 */
class SparkCorpusTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path checkpoint;
    static Path corpus;

    @BeforeAll
    static void start() throws IOException {
        checkpoint = TestCheckpoints.micro(dir.resolve("ck"), 7);
        corpus = dir.resolve("corpus");
        Random random = new Random(3);
        clip(corpus.resolve("birds/one.wav"), 16000, 1.3, 1200, random);
        clip(corpus.resolve("birds/dawn/two.wav"), 8000, 0.7, 2300, random);
        clip(corpus.resolve("water/three.wav"), 22050, 2.1, 600, random);
        Files.write(corpus.resolve("water/broken.wav"), "RIFF\u0010\u0000\u0000\u0000WAVEfmt junk".getBytes());
        Files.writeString(corpus.resolve("water/notes.txt"), "not audio");
        spark = SparkSession.builder().master("local[2]").appName("SparkCorpusTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static void clip(Path file, int rate, double seconds, double hz, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        float[] x = new float[(int) (rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / rate) + 0.05 * random.nextGaussian());
        }
        WavWriter.write(file, x, rate, WavFormat.PCM_16);
    }

    private static final List<String> GOOD = List.of("birds/one", "birds/dawn/two", "water/three");

    @Test
    void encodesLikeTheCliReportsTheCorruptFileAndSkipsCompleteOutputsOnRerun() throws IOException {
        Path ssc = dir.resolve("ssc-out");
        String table = dir.resolve("codes.parquet").toString();
        int layers = CorpusEncodeJob.layersFor(checkpoint, null, 3);
        CorpusEncodeJob.Options options = new CorpusEncodeJob.Options(checkpoint, corpus.toString(), null,
                ssc.toString(), table, layers, 0);

        JobSummary first = new CorpusEncodeJob(spark).run(options);
        assertEquals(4, first.files(), first.describe());
        assertEquals(3, first.done());
        assertEquals(1, first.failed());
        String failure = first.failures().get(0);
        assertTrue(failure.matches(".*" + corpus.resolve("water/broken.wav") + ": corrupt WAV: .*"), failure);

        Map<String, Row> rows = tableRows(table);
        assertEquals(4, rows.size());
        Row broken = rows.get("water/broken.wav");
        assertEquals(CodesTable.FAILED, broken.getAs("status"));
        assertTrue(broken.<String>getAs("error").contains("broken.wav"), broken.<String>getAs("error"));

        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec cli = new FileCodec(codec);
            for (String name : GOOD) {
                Path expected = dir.resolve("cli").resolve(name + ".ssc");
                Files.createDirectories(expected.getParent());
                cli.encode(corpus.resolve(name + ".wav"), expected, layers);
                byte[] want = Files.readAllBytes(expected);
                assertArrayEquals(want, Files.readAllBytes(ssc.resolve(name + ".ssc")), name);
                Row row = rows.get(name + ".wav");
                assertEquals(CodesTable.OK, row.getAs("status"));
                assertEquals(layers, (int) row.<Integer>getAs("layers"));
                assertArrayEquals(codesOf(expected), CodesTable.codes(row), name);
            }
            assertEquals(16000, (int) rows.get("birds/one.wav").<Integer>getAs("sample_rate"));
            assertEquals(1.3, rows.get("birds/one.wav").<Double>getAs("seconds"), 1e-3);
        }
        try (Stream<Path> left = Files.walk(ssc)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList()), "no temporary or checksum files are left");
        }

        Files.delete(ssc.resolve("birds/dawn/two.ssc"));
        JobSummary again = new CorpusEncodeJob(spark).run(options);
        assertEquals(2, again.skipped(), again.describe());
        assertEquals(1, again.done(), "only the missing .ssc is encoded again");
        assertEquals(1, again.failed(), "the corrupt file is tried again and fails again");
        assertTrue(Files.exists(ssc.resolve("birds/dawn/two.ssc")));
        long okRows = spark.read().parquet(table).filter(functions.col("status").equalTo("ok")).count();
        assertEquals(3, okRows, "a rerun adds no second row for a file the table holds");
        assertEquals(4, spark.read().parquet(table).count(), "nor for a file that fails again");
    }

    @Test
    void decodesTheTableAndTheSscFilesLikeTheCli() throws IOException {
        Path ssc = dir.resolve("dec-ssc");
        String table = dir.resolve("dec-codes.parquet").toString();
        int layers = CorpusEncodeJob.layersFor(checkpoint, null, null);
        new CorpusEncodeJob(spark).run(new CorpusEncodeJob.Options(checkpoint, corpus.toString(), null,
                ssc.toString(), table, layers, 0));

        Path fromTable = dir.resolve("wav-table");
        Path fromSsc = dir.resolve("wav-ssc");
        JobSummary t = new CorpusDecodeJob(spark).run(new CorpusDecodeJob.Options(checkpoint, null, null, table,
                fromTable.toString(), null, 0));
        assertEquals(3, t.done(), t.describe());
        JobSummary s = new CorpusDecodeJob(spark).run(new CorpusDecodeJob.Options(checkpoint, ssc + "/*/*.ssc", null,
                null, fromSsc.toString(), 16000, 0));
        assertEquals(2, s.done(), "the glob reaches birds/one.ssc and water/three.ssc: " + s.describe());
        assertTrue(Files.exists(fromSsc.resolve("water/three.wav")));
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            FileCodec cli = new FileCodec(codec);
            for (String name : GOOD) {
                Path expected = dir.resolve("cli-dec").resolve(name + ".wav");
                Files.createDirectories(expected.getParent());
                cli.decode(ssc.resolve(name + ".ssc"), expected, null, false);
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(fromTable.resolve(name + ".wav")),
                        name);
            }
            Path expected = dir.resolve("cli-dec/one-16k.wav");
            cli.decode(ssc.resolve("birds/one.ssc"), expected, 16000, false);
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(fromSsc.resolve("birds/one.wav")));
        }
        Path atSource = dir.resolve("wav-source");
        JobSummary src = new CorpusDecodeJob(spark).run(new CorpusDecodeJob.Options(checkpoint, null, null, table,
                atSource.toString(), DecodeTask.SOURCE_RATE, 0));
        assertEquals(3, src.done(), src.describe());
        try (SoundStreamCodec codec = SoundStreamCodec.load(checkpoint)) {
            Path expected = dir.resolve("cli-dec/three-22k.wav");
            new FileCodec(codec).decode(ssc.resolve("water/three.ssc"), expected, 22050, false);
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(atSource.resolve("water/three.wav")),
                    "each file back at its own rate, from the table's sample_rate");
        }
        JobSummary rerun = new CorpusDecodeJob(spark).run(new CorpusDecodeJob.Options(checkpoint, null, null, table,
                fromTable.toString(), null, 0));
        assertEquals(3, rerun.skipped(), rerun.describe());
    }

    @Test
    void aListOfPathsMirrorsFromTheFoldersTheyShare() throws IOException {
        Path list = dir.resolve("inputs.txt");
        Files.writeString(list, "# two clips\n" + corpus.resolve("birds/one.wav") + "\n\n"
                + corpus.resolve("birds/dawn/two.wav") + "\n" + corpus.resolve("birds/missing.wav") + "\n");
        Path ssc = dir.resolve("list-ssc");
        JobSummary s = new CorpusEncodeJob(spark).run(new CorpusEncodeJob.Options(checkpoint, null, list.toString(),
                ssc.toString(), null, 1, 0));
        assertEquals(2, s.done(), s.describe());
        assertEquals(1, s.failed());
        assertTrue(s.failures().get(0).contains("missing.wav"), s.failures().get(0));
        assertTrue(Files.exists(ssc.resolve("one.ssc")));
        assertTrue(Files.exists(ssc.resolve("dawn/two.ssc")));
    }

    private static Map<String, Row> tableRows(String table) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(table).collectAsList()) {
            rows.put(r.getAs("relative_path"), r);
        }
        return rows;
    }

    /** The codes of an .ssc file, {@code [layer][frame]}, read with the codec's own bitstream reader. */
    private static int[][] codesOf(Path ssc) throws IOException {
        List<int[]> frames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(ssc)) {
            BitstreamReader reader = new BitstreamReader(in);
            int[][] packet;
            while ((packet = reader.nextPacket()) != null) {
                frames.addAll(List.of(packet));
            }
        }
        int layers = frames.get(0).length;
        int[][] out = new int[layers][frames.size()];
        for (int f = 0; f < frames.size(); f++) {
            for (int l = 0; l < layers; l++) {
                out[l][f] = frames.get(f)[l];
            }
        }
        return out;
    }
}
