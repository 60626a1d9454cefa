package io.github.soundstream.tensorboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a TensorBoard log folder twice: a Java read-back that always runs (every record's CRCs, each expected
 * tag present with its kind, the number of steps), then the independent validator
 * {@code ../shared/tools/tbcheck/tbcheck.py} on top when python3 and the tool are here. A plain clone without the
 * validator still checks the files; the validator is never the only check.
 */
final class TbCheck {
    record Outcome(int exitCode, String output) {
    }

    private TbCheck() {
    }

    static Path script() {
        return Path.of("..", "shared", "tools", "tbcheck", "tbcheck.py").toAbsolutePath().normalize();
    }

    /** Asserts the folder passes the Java read-back with {@code args} (tbcheck's), and tbcheck where present. */
    static void verify(Path logDir, String... args) throws IOException, InterruptedException {
        readBack(logDir, List.of(args));
        Outcome o = runIfPresent(logDir, args);
        if (o != null) {
            org.junit.jupiter.api.Assertions.assertEquals(0, o.exitCode(), o.output());
            if (List.of(args).contains("--strict")) {
                org.junit.jupiter.api.Assertions.assertTrue(o.output().contains("0 warning(s)"), o.output());
            }
        }
    }

    /** The Java half: the expectations of tbcheck's {@code --expect-kind TAG=KIND} and {@code --min-steps N}. */
    static void readBack(Path logDir, List<String> args) throws IOException {
        java.util.Map<String, String> kinds = new java.util.HashMap<>();
        java.util.Set<Long> steps = new java.util.TreeSet<>();
        List<Path> files;
        try (var s = Files.walk(logDir)) {
            files = s.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no event file under " + logDir);
        for (Path f : files) {
            List<byte[]> records = EventFiles.read(f).payloads();
            org.junit.jupiter.api.Assertions.assertTrue(EventFiles.decode(records.get(0)).string(3)
                    .startsWith("brain.Event:"), f + ": the first record is the file version");
            for (byte[] r : records.subList(1, records.size())) {
                EventFiles.Message event = EventFiles.decode(r);
                EventFiles.Message summary = event.message(5);
                if (summary == null) {
                    continue;
                }
                steps.add(event.varint(2));
                for (Object v : summary.fields().getOrDefault(1, List.of())) {
                    EventFiles.Message value = EventFiles.decode((byte[]) v);
                    String kind = kind(value);
                    if (!kind.isEmpty()) {
                        kinds.putIfAbsent(value.string(1), kind); // plugin metadata comes with a tag's first value
                    }
                }
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--expect-kind")) {
                String[] tk = args.get(++i).split("=", 2);
                org.junit.jupiter.api.Assertions.assertEquals(tk[1], kinds.get(tk[0]), "kind of " + tk[0] + " in "
                        + kinds);
            } else if (args.get(i).equals("--min-steps")) {
                int min = Integer.parseInt(args.get(++i));
                org.junit.jupiter.api.Assertions.assertTrue(steps.size() >= min, steps + " steps, expected " + min);
            }
        }
    }

    private static String kind(EventFiles.Message value) {
        EventFiles.Message meta = value.message(9);
        String plugin = meta == null || meta.message(1) == null ? "" : meta.message(1).string(1);
        if (value.first(2) != null || plugin.equals("scalars")) {
            return "scalar";
        }
        if (value.first(4) != null || plugin.equals("images")) {
            return "image";
        }
        if (value.first(5) != null || plugin.equals("histograms")) {
            return "histogram";
        }
        if (value.first(6) != null || plugin.equals("audio")) {
            return "audio";
        }
        return plugin.equals("text") ? "text" : plugin.isEmpty() ? "" : "unknown " + plugin;
    }

    /** tbcheck's outcome, or null where python3 or the tool is missing. */
    static Outcome runIfPresent(Path logDir, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script())) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script().toString(), logDir.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null; // no python3
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }
}
