package io.github.soundstream.cli;

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

/** {@code soundstream decode}: .ssc bitstreams → 16-bit WAV. */
@Command(name = "decode", sortOptions = false, header = "Decode .ssc bitstreams to WAV.", description = {
        "Decode .ssc bitstreams to 16-bit WAV. Without --checkpoint, the newest checkpoint in ./checkpoints made",
        "with the same model (fingerprint) is used. Folders are walked and mirrored; '-' reads stdin / writes stdout."})
final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "CK", description = "The checkpoint the files were encoded with.")
    Path checkpoint;

    @Parameters(arity = "1..*", paramLabel = "IN.ssc", description = ".ssc files, folders, or - for stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output WAV, folder, or - for stdout.")
    String output;

    @Option(names = {"--sample-rate", "--sample_rate"}, paramLabel = "HZ", description = "Output rate (default: the model's).")
    Integer sampleRate;

    @Option(names = "--force", description = "Overwrite existing outputs; decode even if the model fingerprint differs.")
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
        if (sampleRate != null && (sampleRate < 8000 || sampleRate > 192000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rate must be 8000..192000");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<CodecJobs.Job> jobs;
        try {
            jobs = CodecJobs.expand(inputs, output,
                p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ssc"), ".wav");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int atOnce = fileJobs.plan(jobs, spec);
        precisionOption.apply(err);
        Path ck = checkpoint != null ? checkpoint : CodecCommands.findCheckpointFor(jobs, Path.of("checkpoints"));
        try (SoundStreamCodec codec = CodecCommands.load(ck)) {
            FileCodec files = new FileCodec(codec);
            int failures = CodecJobs.runEach(jobs, atOnce, out, err, (job, jobOut, jobErr) -> {
                if (job.toStdout()) {
                    try (var in = job.fromStdin() ? System.in : Files.newInputStream(job.input())) {
                        files.decode(in, System.out, sampleRate, force);
                    }
                } else if (!force && Files.exists(job.output())) {
                    jobErr.println(job.output() + ": exists, skipped (--force overwrites)");
                } else {
                    long samples = job.fromStdin() ? files.decodeToFile(System.in, job.output(), sampleRate, force)
                            : files.decode(job.input(), job.output(), sampleRate, force);
                    jobOut.println(job.output() + ": " + samples + " samples");
                }
            });
            return failures == 0 ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
        }
    }
}
