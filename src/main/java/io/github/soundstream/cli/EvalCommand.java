package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.metrics.EvalReport;
import io.github.soundstream.metrics.Evaluation;
import io.github.soundstream.nn.SeededRandom;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code soundstream eval}: objective quality at several bitrates, as a table, an HTML report and JSON. */
@Command(name = "eval", sortOptions = false, header = "Objective quality at several bitrates, with an HTML report.", description = {
        "Measure a checkpoint on audio: SI-SNR, SNR, mel and multi-resolution STFT distance, spectral convergence,",
        "log-spectral distance, achieved bitrate, speed, and codebook use; writes a self-contained HTML report."})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "CK")
    Path checkpoint;

    @Option(names = {"--audio-dir", "--audio_dir"}, required = true, paramLabel = "DIR")
    Path audioDir;

    @Option(names = "--bitrates", split = ",", defaultValue = "1.5,3,6", paramLabel = "KBPS,...",
            description = "Bitrates in kbit/s (1.5,3,6).")
    double[] bitrates;

    @Option(names = {"--num-samples", "--num_samples"}, defaultValue = "8", description = "Files to evaluate (8).")
    int samples;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the file sample (42).")
    long seed;

    @Option(names = "--report", paramLabel = "HTML", description = "HTML report (default: eval_report.html).")
    Path report = Path.of("eval_report.html");

    @Option(names = "--json", paramLabel = "JSON", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--baseline", paramLabel = "opus",
            description = "Add Opus at the same bitrates (>= 3 kbit/s); needs opusenc/opusdec or ffmpeg on PATH.")
    String baseline;

    @Option(names = "--unquantized",
            description = "Also score the network with its quantizer left out (the encoder's embedding decoded "
                    + "directly): what encoder and decoder keep at any bitrate, beside what each bitrate keeps.")
    boolean unquantized;

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
        if (!Files.isDirectory(audioDir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio-dir " + audioDir + ": no such directory");
        }
        List<Path> files = new ArrayList<>(AudioFiles.scan(audioDir));
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio-dir " + audioDir + ": no audio files");
        }
        SeededRandom rng = new SeededRandom(seed);
        List<Path> chosen = new ArrayList<>();
        for (long i : rng.sample(files.size(), Math.min(samples, files.size()))) {
            chosen.add(files.get((int) i));
        }
        chosen.sort(null);
        List<CodecJobs.Job> jobs = chosen.stream().map(f -> new CodecJobs.Job(f, f)).toList();
        int atOnce = fileJobs.plan(jobs, spec); // before the engine starts: it sets the threads per file
        double[] kbps = bitrates.clone();
        Arrays.sort(kbps);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        precisionOption.apply(err);
        try (SoundStreamCodec codec = CodecCommands.load(checkpoint)) {
            for (double k : kbps) {
                try {
                    codec.quantizersFor(k);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            io.github.soundstream.metrics.OpusBaseline opus = null;
            if (baseline != null) {
                if (!baseline.equals("opus")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--baseline must be opus");
                }
                opus = io.github.soundstream.metrics.OpusBaseline.find().orElseThrow(() ->
                        new CommandLine.ParameterException(spec.commandLine(), "--baseline opus needs opusenc and "
                                + "opusdec (Debian: opus-tools) or ffmpeg on PATH"));
                if (Arrays.stream(kbps).noneMatch(k -> k >= io.github.soundstream.metrics.OpusBaseline.MIN_KBPS)) {
                    err.println("note: the Opus baseline starts at " + io.github.soundstream.metrics.OpusBaseline.MIN_KBPS
                            + " kbit/s; no bitrate asked for has one");
                }
            }
            Evaluation evaluation = new Evaluation(codec, opus, unquantized);
            java.util.Map<Path, Evaluation.Sample> evaluated = new java.util.concurrent.ConcurrentHashMap<>();
            int failures = CodecJobs.runEach(jobs, atOnce, out, err,
                    (job, jobOut, jobErr) -> evaluated.put(job.input(), evaluation.evaluate(job.input(), kbps)));
            List<Evaluation.Sample> results = chosen.stream().filter(evaluated::containsKey).map(evaluated::get)
                    .toList();
            EvalReport r = new EvalReport(checkpoint.toString(), codec.config(), results, kbps);
            out.println("kbit/s  achieved  SI-SNR dB  SNR dB  mel dist  MR-STFT  LSD dB  tonal F1  steady  tone dB"
                    + "   pitch  enc xRT  dec xRT");
            for (EvalReport.Summary s : r.summaries()) {
                out.println(row(String.format(Locale.ROOT, "%6.2f", s.kbps()), s) + String.format(Locale.ROOT,
                        "  %7.1f  %7.1f", s.encodeSpeed(), s.decodeSpeed()));
            }
            r.unquantizedSummary().ifPresent(s -> out.println(row("no RVQ", s)));
            for (EvalReport.Summary s : r.opusSummaries()) {
                out.println(row(String.format(Locale.ROOT, "Opus %4.2f", s.kbps()), s));
            }
            write(report, r.html());
            out.println("report: " + report);
            if (json != null) {
                write(json, r.json());
                out.println("json:   " + json);
            }
            return failures == 0 ? SoundStreamCommand.EXIT_OK : SoundStreamCommand.EXIT_FAILURE;
        }
    }

    private static void write(Path file, String text) throws IOException {
        try (var f = new io.github.soundstream.audio.AtomicFileChannel(file)) {
            f.write(java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            f.commit();
        }
    }

    private static String row(String label, EvalReport.Summary s) {
        var q = s.quality();
        return String.format(Locale.ROOT, "%s  %8s  %9.2f  %6.2f  %8.3f  %7.3f  %6.2f  %8.3f  %6.1f  %7s  %6s",
                label, EvalReport.orDash(s.achievedKbps()), q.siSnr(), q.snr(), q.melDistance(), q.stftDistance(),
                q.lsd(), q.tonalF1(), q.steadyLines(), EvalReport.orDash(q.toneLevelDb(), "%.1f"),
                EvalReport.orDash(q.pitchAgreement()));
    }
}