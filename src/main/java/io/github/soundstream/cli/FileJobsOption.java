package io.github.soundstream.cli;

import io.github.soundstream.engine.EngineSetup;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --jobs}: how many files encode and decode work on at once. */
final class FileJobsOption {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files processed at once (default: one per "
            + "core, each on one engine thread, when several files are given; with --threads T, cores / T).")
    Integer jobs;

    /**
     * Files at once for {@code jobs}; when more than one and {@code --threads} was not given, the engine (not yet
     * started) gets the cores divided among them, so parallel files do not oversubscribe the machine.
     */
    int plan(List<CodecJobs.Job> files, CommandLine.Model.CommandSpec spec) {
        if (jobs != null && (jobs < 1 || jobs > 1024)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be 1..1024, got " + jobs);
        }
        Integer threads = spec.root().commandLine().<SoundStreamCommand>getCommand().threads;
        int atOnce = CodecJobs.filesAtOnce(files, jobs, threads);
        if (atOnce > 1 && threads == null) {
            EngineSetup.configure(Math.max(1, Runtime.getRuntime().availableProcessors() / atOnce));
        }
        return atOnce;
    }
}
