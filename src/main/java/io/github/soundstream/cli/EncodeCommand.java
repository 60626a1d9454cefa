package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.codec.FileCodec;
import io.github.soundstream.codec.SoundStreamCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code soundstream encode}: audio → .ssc bitstreams (or, with a .wav output, encode + decode in one go). */
@Command(name = "encode", sortOptions = false, header = "Encode audio to .ssc bitstreams (or encode + decode to .wav).", description = {
        "Encode audio (wav, flac, mp3, ogg; any rate) to .ssc bitstreams. Folders are walked and mirrored; '-' reads",
        "stdin / writes stdout. An output ending in .wav encodes and decodes in one go and prints the bitrate."})
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "CK", description = "A training checkpoint.")
    Path checkpoint;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Audio files, folders, or - for stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file, folder, or - for stdout.")
    String output;

    @CommandLine.ArgGroup(exclusive = true)
    Rate rate;

    static final class Rate {
        @Option(names = "--bitrate", paramLabel = "KBPS", description = "0.75, 1.5, 3 or 6 (default: all layers).")
        Double kbps;

        @Option(names = {"--num-quantizers", "--num_quantizers"}, paramLabel = "N", description = "Layers to use.")
        Integer quantizers;
    }

    @Option(names = "--force", description = "Overwrite existing outputs.")
    boolean force;

    @CommandLine.Mixin
    FileJobsOption fileJobs;

    @CommandLine.Mixin
    PrecisionOption precisionOption;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<CodecJobs.Job> jobs;
        try {
            jobs = CodecJobs.expand(inputs, output, AudioFiles::isAudioFileName, ".ssc");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int atOnce = fileJobs.plan(jobs, spec);
        precisionOption.apply(err);
        try (SoundStreamCodec codec = CodecCommands.load(checkpoint)) {
            int n;
            try {
                n = rate == null ? codec.config().numQuantizers()
                        : rate.kbps != null ? codec.quantizersFor(rate.kbps) : checkLayers(rate.quantizers, codec);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            FileCodec files = new FileCodec(codec);
            int failures = CodecJobs.runEach(jobs, atOnce, out, err, (job, jobOut, jobErr) -> {
                if (job.toStdout()) {
                    FileCodec.EncodeResult r = job.fromStdin()
                            ? files.encode(System.in, System.out, n)
                            : encodeToStdout(files, job.input(), n);
                    jobErr.println(describe(job.input(), r));
                } else if (!force && Files.exists(job.output())) {
                    jobErr.println(job.output() + ": exists, skipped (--force overwrites)");
                } else if (job.fromStdin()) {
                    FileCodec.EncodeResult r = files.encode(System.in, job.output(), n);
                    jobOut.println(job.output() + ": " + describe(null, r));
                } else {
                    FileCodec.EncodeResult r = job.output().toString().toLowerCase(Locale.ROOT).endsWith(".wav")
                            ? files.roundTrip(job.input(), job.output(), n)
                            : files.encode(job.input(), job.output(), n);
                    jobOut.println(job.output() + ": " + describe(null, r));
                }
            });
            return failures == 0 ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
        }
    }

    private static FileCodec.EncodeResult encodeToStdout(FileCodec files, Path input, int n) throws IOException {
        try (var in = Files.newInputStream(input)) {
            return files.encode(in, System.out, n);
        }
    }

    private int checkLayers(int n, SoundStreamCodec codec) {
        if (n < 1 || n > codec.config().numQuantizers()) {
            throw new IllegalArgumentException("--num-quantizers must be 1.." + codec.config().numQuantizers());
        }
        return n;
    }

    private static String describe(Path input, FileCodec.EncodeResult r) {
        return String.format(Locale.ROOT, "%s%.2f s, %d frames, %d bytes, %.3f kbit/s achieved",
                input == null ? "" : input + ": ", r.seconds(), r.frames(), r.bytes(), r.bitsPerSecond() / 1000);
    }
}
