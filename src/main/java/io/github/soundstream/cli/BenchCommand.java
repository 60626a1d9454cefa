package io.github.soundstream.cli;

import com.google.gson.JsonObject;
import io.github.soundstream.bench.CodecBenchmark;
import io.github.soundstream.engine.HostMemory;
import io.github.soundstream.bench.Stats;
import io.github.soundstream.bench.TrainingBenchmark;
import io.github.soundstream.bench.BenchComparison;
import io.github.soundstream.config.Json;
import io.github.soundstream.engine.ConvolutionPrecision.Precision;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.RunDefaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code soundstream bench}: reproducible speed figures. Codec speed is measured in this process (inference set-up);
 * training speed in a child process, so that its peak memory, and a fallback to PyTorch's own convolutions should
 * the start-up check take one (a process-wide switch), stay apart from the codec figures.
 */
@Command(name = "bench", sortOptions = false, header = "Speed and memory figures: codec and training.", description = {
        "Measure encode/decode speed (whole file and frame-by-frame streaming, x real time), seconds per training",
        "step, peak memory, threads and engine: warm-up, several runs, median and spread."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "tiny, small or base (tiny).")
    String preset;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs after the warm-up (5).")
    int runs;

    @Option(names = "--seconds", defaultValue = "10", description = "Audio for whole-file timing (10).")
    double seconds;

    @Option(names = "--train-steps", defaultValue = "3", description = "Timed GAN steps; 0 skips training (3).")
    int trainSteps;

    @Option(names = "--batch-size", description = "Training batch (tiny/small: 4, base: 8).")
    Integer batch;

    @Option(names = "--audio-length", description = "Training clip seconds (tiny/small: 1.0, base: 2.0).")
    Double length;

    @Option(names = "--latency", defaultValue = "1", paramLabel = "FRAMES", description = "Frames per streaming push "
            + "and model call (1: frame by frame, 13.3 ms at 24 kHz).")
    int latency;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--compare", paramLabel = "REF.json",
            description = "A reference run's --json output: print each figure as a multiple of it.")
    Path compare;

    @Option(names = "--part", hidden = true, defaultValue = "all")
    String part;

    @CommandLine.Mixin
    PrecisionOption precisionOption;

    @CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RunDefaults defaults = RunDefaults.forBenchmark(preset);
        int b = batch != null ? batch : defaults.batchSize();
        double len = length != null ? length : defaults.clipSeconds();
        SoundStreamCommand top = spec.root().commandLine().getCommand();
        if (part.equals("train")) {
            EngineSetup.configure(top.threads);
            Stats s = TrainingBenchmark.run(preset, b, len, trainSteps);
            out.printf(Locale.ROOT, "%.4f %.4f %.4f %d %.0f%n", s.median(), s.min(), s.max(), s.runs(),
                    HostMemory.peakMb());
            return SoundStreamCommand.EXIT_OK;
        }
        if (latency < 1 || latency > 750) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--latency must be 1..750 frames, got "
                    + latency);
        }
        JsonObject reference = null;
        if (compare != null) {
            try {
                reference = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(compare))
                        .getAsJsonObject();
            } catch (IOException | RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--compare " + compare + ": not a bench "
                        + "--json file (" + io.github.soundstream.files.Reasons.of(e) + ")");
            }
        }
        Precision precision = precisionOption.apply(spec.commandLine().getErr());
        List<String> engine = EngineSetup.describe(EngineSetup.engine());
        CodecBenchmark.Result codec = CodecBenchmark.run(preset, seconds, Math.min(seconds, 5), runs, latency);
        double codecPeak = HostMemory.peakMb();
        String training = "not measured";
        JsonObject trainingJson = null;
        if (trainSteps > 0) {
            String[] fields = trainInChild(b, len).trim().split(" ");
            training = String.format(Locale.ROOT, "%s s/step (%s–%s, %s steps), batch %d × %.1f s, peak RSS %s MB",
                    fields[0], fields[1], fields[2], fields[3], b, len, fields[4]);
            trainingJson = new JsonObject();
            trainingJson.add("seconds_per_step", Json.number(Double.parseDouble(fields[0])));
            trainingJson.add("min", Json.number(Double.parseDouble(fields[1])));
            trainingJson.add("max", Json.number(Double.parseDouble(fields[2])));
            trainingJson.addProperty("batch", b);
            trainingJson.addProperty("audio_seconds", len);
            trainingJson.add("peak_rss_mb", Json.number(Double.parseDouble(fields[4])));
        }
        JsonObject o = new JsonObject();
        o.addProperty("preset", preset);
        o.addProperty("parameters", codec.parameters());
        o.add("whole_encode_x_rt", Json.number(codec.wholeEncode().median()));
        o.add("whole_decode_x_rt", Json.number(codec.wholeDecode().median()));
        o.add("stream_encode_x_rt", Json.number(codec.streamEncode().median()));
        o.add("stream_decode_x_rt", Json.number(codec.streamDecode().median()));
        o.addProperty("stream_latency_frames", latency);
        o.addProperty("precision", precision.toString());
        o.add("codec_peak_rss_mb", Json.number(codecPeak));
        o.add("training", trainingJson);
        o.addProperty("engine", String.join("; ", engine));
        if (json) {
            out.println(Json.pretty(o));
        } else {
            engine.forEach(out::println);
            out.printf(Locale.ROOT, "preset %s, %,d parameters, %s convolutions%n", preset, codec.parameters(),
                    precision);
            out.println("whole-file encode:      " + codec.wholeEncode().format("x real time"));
            out.println("whole-file decode:      " + codec.wholeDecode().format("x real time"));
            String streaming = latency == 1 ? "frame-by-frame"
                    : String.format(Locale.ROOT, "streaming %2d-frame", latency);
            out.println(streaming + " encode:  " + codec.streamEncode().format("x real time"));
            out.println(streaming + " decode:  " + codec.streamDecode().format("x real time"));
            out.printf(Locale.ROOT, "codec peak RSS:         %.0f MB%n", codecPeak);
            out.println("training:               " + training);
        }
        if (reference != null) {
            out.println("against " + compare + ":");
            BenchComparison.lines(o, reference).forEach(l -> out.println("  " + l));
        }
        out.flush();
        return SoundStreamCommand.EXIT_OK;
    }

    private String trainInChild(int b, double len) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SoundStreamCommand.class.getName());
        SoundStreamCommand top = spec.root().commandLine().getCommand();
        if (top.threads != null) {
            cmd.add("--threads");
            cmd.add(Integer.toString(top.threads));
        }
        cmd.addAll(List.of("bench", "--part", "train", "--preset", preset, "--train-steps",
                Integer.toString(trainSteps), "--batch-size", Integer.toString(b), "--audio-length",
                Double.toString(len)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.contains("NNPACK")).toList();
        int code = p.waitFor();
        if (code != 0 || lines.isEmpty()) {
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException("training benchmark failed (exit " + code + (code == 137 ? ", killed: out of memory?"
                    : "") + "): " + tail);
        }
        return lines.get(lines.size() - 1);
    }
}
