package io.github.soundstream.spark;

import io.github.soundstream.engine.EngineSetup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class io.github.soundstream.spark.SparkCorpusApp ... encode|decode}: a corpus through the
 * codec on a Spark cluster. Thin: parses, starts the session, and hands over to {@link CorpusEncodeJob} or
 * {@link CorpusDecodeJob}. Exit status 0 when every file was done or skipped, 1 when some failed, 2 for usage.
 */
@Command(name = "soundstream-spark", mixinStandardHelpOptions = true,
        subcommands = {SparkCorpusApp.Encode.class, SparkCorpusApp.Decode.class},
        description = "Encode or decode a corpus with a SoundStream checkpoint on Apache Spark.")
public final class SparkCorpusApp {
    /** Options both jobs take. */
    static class Common {
        @Option(names = "--checkpoint", required = true, paramLabel = "CK",
                description = "A training checkpoint on the driver's disk; shipped to the executors with the job.")
        Path checkpoint;

        @Option(names = "--input-list", paramLabel = "FILE", description = "A text file of input paths, one a line.")
        String inputList;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "Partitions (default: four per task slot, at most one per file).")
        int partitions;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master when not started by spark-submit (default there: local[*]).")
        String master;

        SparkSession session(String name) {
            SparkSession.Builder b = SparkSession.builder().appName("soundstream " + name);
            if (master != null) {
                b.master(master);
            } else if (!new SparkConf().contains("spark.master")) {
                b.master("local[*]");
            }
            return b.getOrCreate();
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Audio files to .ssc files mirrored under --ssc-out and/or rows of a Parquet --table.")
    static final class Encode extends Common implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "INPUT", description = "A folder or a glob of audio files.")
        String input;

        @Option(names = "--ssc-out", paramLabel = "DIR", description = "Root of the mirrored .ssc files.")
        String sscOut;

        @Option(names = "--table", paramLabel = "DIR", description = "Parquet table of codes (appended to).")
        String table;

        @Option(names = "--bitrate", paramLabel = "KBPS", description = "0.75, 1.5, 3 or 6 (default: all layers).")
        Double kbps;

        @Option(names = "--num-quantizers", paramLabel = "N", description = "Layers to use.")
        Integer layers;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireOne(spec, input, inputList, "INPUT or --input-list");
            if (sscOut == null && table == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --ssc-out, --table or both");
            }
            int n;
            try {
                n = CorpusEncodeJob.layersFor(checkpoint, kbps, layers);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (SparkSession spark = session("encode")) {
                JobSummary s = new CorpusEncodeJob(spark).run(new CorpusEncodeJob.Options(checkpoint, input,
                        inputList, sscOut, table, n, partitions));
                return report(s);
            }
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = ".ssc files, or the Parquet table of codes, to WAV files mirrored under -o.")
    static final class Decode extends Common implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "INPUT", description = "A folder or a glob of .ssc files.")
        String input;

        @Option(names = "--table", paramLabel = "DIR", description = "Decode the table's rows instead.")
        String table;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Root of the WAVs.")
        String output;

        @Option(names = "--sample-rate", paramLabel = "HZ|source", description = "Output rate (default: the model's; "
                + "source: each file's own rate, which the table records).")
        String sampleRate;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireOne(spec, input != null ? input : table, inputList, "INPUT, --input-list or --table");
            if (input != null && table != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give INPUT or --table, not both");
            }
            Integer rate;
            try {
                rate = sampleRate == null ? null : sampleRate.equals("source") ? DecodeTask.SOURCE_RATE
                        : Integer.valueOf(sampleRate);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rate takes a rate in Hz or "
                        + "source, got '" + sampleRate + "'");
            }
            if (rate != null && rate != DecodeTask.SOURCE_RATE && (rate < 8000 || rate > 192000)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sample-rate must be 8000..192000, or source");
            }
            try (SparkSession spark = session("decode")) {
                return report(new CorpusDecodeJob(spark).run(new CorpusDecodeJob.Options(checkpoint, input,
                        inputList, table, output, rate, partitions)));
            }
        }
    }

    private static void requireOne(CommandLine.Model.CommandSpec spec, String a, String b, String what) {
        if ((a == null) == (b == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give one of " + what);
        }
    }

    private static int report(JobSummary s) {
        System.out.println(s.describe());
        return s.failed() == 0 ? 0 : 1;
    }

    public static void main(String[] args) {
        EngineSetup.configure(1); // the driver only checks the checkpoint; executors set their own threads
        CommandLine cli = new CommandLine(new SparkCorpusApp());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("soundstream-spark: " + (e.getMessage() != null ? e.getMessage() : e));
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
