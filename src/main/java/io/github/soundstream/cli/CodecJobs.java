package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns the encode/decode command line into (input, output) pairs: "-" is stdin/stdout, a directory is walked and
 * its tree mirrored under the output directory (or beside the inputs when -o is absent).
 */
final class CodecJobs {
    static final String STDIO = "-";

    /** One file to process; a null path means standard input or output. */
    record Job(Path input, Path output) {
        boolean fromStdin() {
            return input == null;
        }

        boolean toStdout() {
            return output == null;
        }
    }

    /** Work on one job; may throw. */
    @FunctionalInterface
    interface Action {
        void run(Job job) throws IOException;
    }

    private CodecJobs() {
    }

    /**
     * Runs {@code action} on every job: one that fails prints {@code path: reason} and the rest go on; usage errors
     * stop everything. Returns the number of failures.
     */
    static int runEach(List<Job> jobs, java.io.PrintWriter out, java.io.PrintWriter err, Action action) {
        int failures = 0;
        for (Job job : jobs) {
            try {
                action.run(job);
            } catch (picocli.CommandLine.ParameterException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                err.println(CodecCommands.reasonLine(job.input(), e));
                failures++;
            }
            out.flush();
            err.flush();
        }
        return failures;
    }

    /**
     * The jobs for the command line; a usage error (IllegalArgumentException) when they cannot all be done. An output that names a folder (it exists as one, or ends in "/") receives
     * each input under its own name; before any work, inputs whose outputs would coincide (bird.wav and bird.flac
     * both to bird.ssc) are refused with the list, so no output is ever lost to another.
     */
    static List<Job> expand(List<String> inputs, String output, Predicate<Path> accepts, String newExtension)
            throws IOException {
        boolean outputIsFolder = output != null && !output.equals(STDIO) && (output.endsWith("/")
                || output.endsWith(java.io.File.separator) || Files.isDirectory(Path.of(output)));
        boolean many = inputs.size() > 1 || inputs.stream().anyMatch(i -> !i.equals(STDIO) && Files.isDirectory(Path.of(i)));
        List<Job> jobs = new ArrayList<>();
        for (String in : inputs) {
            if (in.equals(STDIO)) {
                if (outputIsFolder) {
                    throw new IllegalArgumentException("-o " + output + " is a folder: reading stdin needs an output "
                            + "file, or - for stdout");
                }
                jobs.add(new Job(null, output == null || output.equals(STDIO) ? null : Path.of(output)));
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                Path outDir = output == null ? p : Path.of(output);
                for (Path f : AudioFiles.walk(p, accepts)) {
                    jobs.add(new Job(f, withExtension(outDir.resolve(p.relativize(f)), newExtension)));
                }
            } else if (output != null && output.equals(STDIO)) {
                jobs.add(new Job(p, null));
            } else if (output != null && !many && !outputIsFolder) {
                jobs.add(new Job(p, Path.of(output)));
            } else {
                Path dir = output == null ? p.toAbsolutePath().getParent() : Path.of(output);
                jobs.add(new Job(p, withExtension(dir.resolve(p.getFileName()), newExtension)));
            }
        }
        refuseCollisions(jobs);
        return jobs;
    }

    private static void refuseCollisions(List<Job> jobs) {
        Map<Path, List<Path>> byOutput = new LinkedHashMap<>();
        for (Job j : jobs) {
            if (j.output() != null) {
                byOutput.computeIfAbsent(j.output().toAbsolutePath().normalize(), k -> new ArrayList<>())
                        .add(j.input() == null ? Path.of("<stdin>") : j.input());
            }
        }
        List<String> clashes = byOutput.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " <- " + e.getValue().stream().map(Path::toString)
                        .collect(Collectors.joining(", ")))
                .toList();
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("these inputs would write the "
                    + "same output, so one would be lost; rename them or process them separately: "
                    + String.join("; ", clashes));
        }
    }

    static Path withExtension(Path p, String extension) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
