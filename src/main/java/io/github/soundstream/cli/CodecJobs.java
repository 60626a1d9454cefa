package io.github.soundstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

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

    private CodecJobs() {
    }

    static List<Job> expand(List<String> inputs, String output, Predicate<Path> accepts, String newExtension)
            throws IOException {
        boolean many = inputs.size() > 1 || inputs.stream().anyMatch(i -> !i.equals(STDIO) && Files.isDirectory(Path.of(i)));
        List<Job> jobs = new ArrayList<>();
        for (String in : inputs) {
            if (in.equals(STDIO)) {
                jobs.add(new Job(null, output == null || output.equals(STDIO) ? null : Path.of(output)));
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                Path outDir = output == null ? p : Path.of(output);
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(Files::isRegularFile).filter(accepts).sorted().toList()) {
                        jobs.add(new Job(f, withExtension(outDir.resolve(p.relativize(f)), newExtension)));
                    }
                }
            } else if (output != null && output.equals(STDIO)) {
                jobs.add(new Job(p, null));
            } else if (output != null && !many && !Files.isDirectory(Path.of(output))) {
                jobs.add(new Job(p, Path.of(output)));
            } else {
                Path dir = output == null ? p.toAbsolutePath().getParent() : Path.of(output);
                jobs.add(new Job(p, withExtension(dir.resolve(p.getFileName()), newExtension)));
            }
        }
        return jobs;
    }

    static Path withExtension(Path p, String extension) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
