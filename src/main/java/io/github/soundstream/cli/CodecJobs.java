package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** Work on one job; may throw. It writes its messages to the writers it is given. */
    @FunctionalInterface
    interface Action {
        void run(Job job, PrintWriter out, PrintWriter err) throws IOException;
    }

    /** What one job printed, and whether it failed. */
    private record Outcome(String out, String err, boolean failed) {
    }

    private CodecJobs() {
    }

    /**
     * Runs {@code action} on every job, {@code atOnce} files at a time: one that fails prints {@code path: reason}
     * and the rest go on; usage errors stop everything. Each job's messages are printed whole and in the jobs'
     * order, whatever order they finish in. Returns the number of failures.
     */
    static int runEach(List<Job> jobs, int atOnce, PrintWriter out, PrintWriter err, Action action) {
        if (atOnce <= 1 || jobs.size() <= 1) {
            int failures = 0;
            for (Job job : jobs) {
                failures += failed(job, action, out, err) ? 1 : 0;
                out.flush();
                err.flush();
            }
            return failures;
        }
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "file-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (Job job : jobs) {
                pending.add(pool.submit(() -> {
                    StringWriter o = new StringWriter();
                    StringWriter e = new StringWriter();
                    try (PrintWriter po = new PrintWriter(o); PrintWriter pe = new PrintWriter(e)) {
                        boolean failed = failed(job, action, po, pe);
                        po.flush();
                        pe.flush();
                        return new Outcome(o.toString(), e.toString(), failed);
                    }
                }));
            }
            int failures = 0;
            for (Future<Outcome> f : pending) {
                failures += print(await(f), out, err);
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one job and says whether it failed, its reason reported on {@code err}; a usage error propagates. */
    private static boolean failed(Job job, Action action, PrintWriter out, PrintWriter err) {
        try {
            action.run(job, out, err);
            return false;
        } catch (picocli.CommandLine.ParameterException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            err.println(CodecCommands.reasonLine(job.input(), e));
            return true;
        }
    }

    private static int print(Outcome o, PrintWriter out, PrintWriter err) {
        out.print(o.out());
        err.print(o.err());
        out.flush();
        err.flush();
        return o.failed() ? 1 : 0;
    }

    private static Outcome await(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a usage error: stop everything
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * How many files to process at once: {@code asked} when given; otherwise, for several files that do not use
     * stdin or stdout, one per core the engine threads leave ({@code threads} each, 1 when not given).
     */
    static int filesAtOnce(List<Job> jobs, Integer asked, Integer threads) {
        if (jobs.stream().anyMatch(j -> j.fromStdin() || j.toStdout())) {
            return 1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int n = asked != null ? asked : Math.max(1, cores / (threads != null ? threads : 1));
        return Math.max(1, Math.min(n, jobs.size()));
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
