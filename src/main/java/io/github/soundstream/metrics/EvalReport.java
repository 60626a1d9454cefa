package io.github.soundstream.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.config.Json;
import io.github.soundstream.model.ModelConfig;
import io.github.soundstream.tensorboard.SpectrogramImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The evaluation as one self-contained HTML page (inline SVG charts, PNG spectrograms and WAV players as data URIs:
 * it opens offline) and as JSON.
 */
public final class EvalReport {
    private final String checkpoint;
    private final ModelConfig config;
    private final List<Evaluation.Sample> samples;
    private final double[] kbps;

    /** Means over samples at one bitrate. */
    public record Summary(double kbps, double achievedKbps, Quality quality, double encodeSpeed,
            double decodeSpeed) {
    }

    public EvalReport(String checkpoint, ModelConfig config, List<Evaluation.Sample> samples, double[] kbps) {
        this.checkpoint = checkpoint;
        this.config = config;
        this.samples = samples;
        this.kbps = kbps;
    }

    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (int b = 0; b < kbps.length; b++) {
            int i = b;
            out.add(summary(kbps[b], samples.stream().map(s -> s.results().get(i)).toList()));
        }
        return out;
    }

    private static Summary summary(double kbps, List<Evaluation.Result> results) {
        return new Summary(kbps, results.stream().mapToDouble(Evaluation.Result::achievedKbps).average()
                .orElse(Double.NaN), Quality.mean(results.stream().map(Evaluation.Result::quality).toList()),
                results.stream().mapToDouble(Evaluation.Result::encodeSpeed).average().orElse(Double.NaN),
                results.stream().mapToDouble(Evaluation.Result::decodeSpeed).average().orElse(Double.NaN));
    }

    /** Per layer at the highest bitrate, over all samples. */
    public List<CodebookUsage> layerUsage() {
        int top = kbps.length - 1;
        int layers = samples.isEmpty() ? 0 : samples.get(0).results().get(top).quantizers();
        List<CodebookUsage> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<Integer> codes = new ArrayList<>();
            for (Evaluation.Sample s : samples) {
                for (int[] frame : s.results().get(top).codes()) {
                    codes.add(frame[l]);
                }
            }
            out.add(CodebookUsage.of(codes.stream().mapToInt(Integer::intValue).toArray(), config.codebookSize()));
        }
        return out;
    }

    /** Opus baseline means per bitrate it covered (empty without a baseline). */
    public List<Summary> opusSummaries() {
        List<Summary> out = new ArrayList<>();
        if (samples.isEmpty() || samples.get(0).opus().isEmpty()) {
            return out;
        }
        for (int i = 0; i < samples.get(0).opus().size(); i++) {
            int b = i;
            out.add(summary(samples.get(0).opus().get(b).kbps(), samples.stream().map(s -> s.opus().get(b)).toList()));
        }
        return out;
    }

    /** Means of the network without its quantizer, where every sample has that result. */
    public java.util.Optional<Summary> unquantizedSummary() {
        if (samples.isEmpty() || samples.stream().anyMatch(s -> s.unquantized() == null)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(summary(Double.NaN, samples.stream().map(Evaluation.Sample::unquantized)
                .toList()));
    }

    public String json() {
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", checkpoint);
        JsonArray summary = new JsonArray();
        for (Summary s : summaries()) {
            JsonObject row = figures(s.kbps(), s.achievedKbps(), s.quality());
            row.add("encode_x_realtime", Json.number(s.encodeSpeed()));
            row.add("decode_x_realtime", Json.number(s.decodeSpeed()));
            summary.add(row);
        }
        o.add("summary", summary);
        JsonArray opus = new JsonArray();
        for (Summary s : opusSummaries()) {
            opus.add(figures(s.kbps(), s.achievedKbps(), s.quality()));
        }
        o.add("opus", opus);
        unquantizedSummary().ifPresent(s -> o.add("unquantized", figures(s.kbps(), s.achievedKbps(), s.quality())));
        JsonArray layers = new JsonArray();
        for (CodebookUsage u : layerUsage()) {
            JsonObject row = new JsonObject();
            row.addProperty("codes_used", u.used());
            row.add("perplexity", Json.number(u.perplexity()));
            layers.add(row);
        }
        o.add("layers", layers);
        JsonArray files = new JsonArray();
        JsonArray opusFiles = new JsonArray();
        JsonArray unquantizedFiles = new JsonArray();
        for (Evaluation.Sample s : samples) {
            s.results().forEach(r -> files.add(fileFigures(s, r)));
            s.opus().forEach(r -> opusFiles.add(fileFigures(s, r)));
            if (s.unquantized() != null) {
                unquantizedFiles.add(fileFigures(s, s.unquantized()));
            }
        }
        o.add("files", files);
        if (!opusFiles.isEmpty()) {
            o.add("opus_files", opusFiles);
        }
        if (!unquantizedFiles.isEmpty()) {
            o.add("unquantized_files", unquantizedFiles);
        }
        return Json.pretty(o);
    }

    private static JsonObject fileFigures(Evaluation.Sample s, Evaluation.Result r) {
        JsonObject row = figures(r.kbps(), r.achievedKbps(), r.quality());
        row.addProperty("file", s.file().toString());
        return row;
    }

    private static JsonObject figures(double kbps, double achieved, Quality q) {
        JsonObject o = new JsonObject();
        o.add("kbps", Json.number(kbps));
        o.add("achieved_kbps", Json.number(achieved));
        o.add("snr_db", Json.number(q.snr()));
        o.add("si_snr_db", Json.number(q.siSnr()));
        o.add("mel_distance", Json.number(q.melDistance()));
        o.add("stft_distance", Json.number(q.stftDistance()));
        o.add("spectral_convergence", Json.number(q.spectralConvergence()));
        o.add("lsd_db", Json.number(q.lsd()));
        o.add("tonal_peak_f1", Json.number(q.tonalF1()));
        o.add("steady_lines", Json.number(q.steadyLines()));
        o.add("tone_level_db", Json.number(q.toneLevelDb()));
        o.add("pitch_agreement", Json.number(q.pitchAgreement()));
        return o;
    }

    private static String averageRow(String label, Summary s) {
        Quality q = s.quality();
        return String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.3f</td>"
                + "<td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.3f</td><td>%.1f</td><td>%s</td><td>%s</td>", label,
                orDash(s.achievedKbps()), q.siSnr(), q.snr(), q.melDistance(), q.stftDistance(),
                q.spectralConvergence(), q.lsd(), q.tonalF1(), q.steadyLines(), orDash(q.toneLevelDb(), "%.1f"),
                orDash(q.pitchAgreement()));
    }

    /** Three decimals, or a dash where there is no figure (no clip with a pitch to keep, no bitrate). */
    public static String orDash(double v) {
        return orDash(v, "%.3f");
    }

    /** {@code v} in {@code format}, or a dash where there is no figure. */
    public static String orDash(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    /** A metric against bitrate for the model and Opus, on an axis that holds [lo, hi] whatever the data. */
    private static String chart(String title, List<Summary> model, List<Summary> opus,
            java.util.function.ToDoubleFunction<Quality> metric, double lo, double hi) {
        return Charts.line(title, "kbit/s", lo, hi, List.of(
                new Charts.Series("model", model.stream().mapToDouble(Summary::kbps).toArray(),
                        model.stream().mapToDouble(s -> metric.applyAsDouble(s.quality())).toArray()),
                new Charts.Series("Opus", opus.stream().mapToDouble(Summary::kbps).toArray(),
                        opus.stream().mapToDouble(s -> metric.applyAsDouble(s.quality())).toArray())));
    }

    public String html() {
        int rate = config.sampleRate();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>SoundStream evaluation</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f3f3f3}img{image-rendering:pixelated;max-width:100%}")
                .append(".sample{border-top:2px solid #888;margin-top:2em;padding-top:1em}.charts{display:flex;")
                .append("gap:2em;flex-wrap:wrap}</style></head><body>");
        h.append("<h1>SoundStream evaluation</h1><p>Checkpoint <code>").append(esc(checkpoint)).append("</code>: C=")
                .append(config.channels()).append(", D=").append(config.embeddingDim()).append(", ")
                .append(config.numQuantizers()).append(" × ").append(config.codebookSize()).append(" codes, ")
                .append(rate).append(" Hz; ").append(samples.size()).append(" samples (first ")
                .append((int) Evaluation.MAX_SECONDS).append(" s of each).</p>");
        List<Summary> sums = summaries();
        h.append("<h2>Average</h2><table><tr><th>kbit/s</th><th>achieved</th><th>SI-SNR dB</th><th>SNR dB</th>")
                .append("<th>mel dist.</th><th>MR-STFT dist.</th><th>spectral conv.</th><th>LSD dB</th>")
                .append("<th>tonal peak F1</th><th>steady lines</th><th>tone level dB</th><th>pitch agreement</th>")
                .append("<th>encode ×RT</th><th>decode ×RT</th></tr>");
        for (Summary s : sums) {
            h.append(averageRow(String.format(Locale.ROOT, "%.2f", s.kbps()), s)).append(String.format(Locale.ROOT,
                    "<td>%.1f</td><td>%.1f</td></tr>", s.encodeSpeed(), s.decodeSpeed()));
        }
        unquantizedSummary().ifPresent(s -> h.append(averageRow("no quantizer", s)).append(String.format(
                Locale.ROOT, "<td colspan=\"2\">encode + decode %.1f×</td></tr>", s.encodeSpeed())));
        List<Summary> opusSums = opusSummaries();
        for (Summary s : opusSums) {
            h.append(averageRow(String.format(Locale.ROOT, "Opus %.2f", s.kbps()), s)).append(String.format(
                    Locale.ROOT, "<td colspan=\"2\">round trip %.1f×</td></tr>", s.encodeSpeed()));
        }
        h.append("</table><div class=\"charts\">");
        h.append(chart("SI-SNR (dB) vs bitrate", sums, opusSums, Quality::siSnr, -30, 20));
        h.append(chart("mel distance vs bitrate (lower is better)", sums, opusSums, Quality::melDistance, 0, 2));
        h.append(chart("tonal peak F1 vs bitrate", sums, opusSums, Quality::tonalF1, 0, 1));
        h.append(chart("tone level (dB) vs bitrate", sums, opusSums, Quality::toneLevelDb, -30, 0));
        h.append(chart("pitch agreement vs bitrate", sums, opusSums, Quality::pitchAgreement, 0, 1));
        List<CodebookUsage> usage = layerUsage();
        h.append(Charts.bars("codes used per layer (of " + config.codebookSize() + ")",
                usage.stream().mapToDouble(CodebookUsage::used).toArray(), config.codebookSize()));
        h.append(Charts.bars("perplexity per layer", usage.stream().mapToDouble(CodebookUsage::perplexity).toArray(),
                config.codebookSize()));
        h.append("</div>");
        for (Evaluation.Sample s : samples) {
            h.append("<div class=\"sample\"><h3>").append(esc(s.file().getFileName().toString())).append("</h3>")
                    .append("<p>original ").append(player(s.audio(), rate)).append("</p><table><tr><th>kbit/s</th>")
                    .append("<th>SI-SNR dB</th><th>mel dist.</th><th>LSD dB</th><th>tonal peak F1</th>")
                    .append("<th>tone level dB</th><th>listen</th></tr>");
            for (Evaluation.Result r : s.results()) {
                h.append(sampleRow(String.format(Locale.ROOT, "%.2f", r.kbps()), r, rate));
            }
            if (s.unquantized() != null) {
                h.append(sampleRow("no quantizer", s.unquantized(), rate));
            }
            for (Evaluation.Result r : s.opus()) {
                h.append(sampleRow(String.format(Locale.ROOT, "Opus %.2f", r.kbps()), r, rate));
            }
            h.append("</table>");
            for (Evaluation.Result r : s.results()) {
                h.append(String.format(Locale.ROOT, "<p>%.2f kbit/s: original | reconstruction, and their difference"
                        + "</p>", r.kbps())).append(img(SpectrogramImage.render(rate, s.audio(), r.reconstruction())))
                        .append(" ").append(img(SpectrogramImage.renderDifference(rate, s.audio(), r.reconstruction())));
            }
            h.append("</div>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String sampleRow(String label, Evaluation.Result r, int rate) {
        Quality q = r.quality();
        return String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.3f</td><td>%.2f</td><td>%.3f</td>"
                + "<td>%s</td><td>", label, q.siSnr(), q.melDistance(), q.lsd(), q.tonalF1(),
                orDash(q.toneLevelDb(), "%.1f")) + player(r.reconstruction(), rate) + "</td></tr>";
    }

    private static String player(float[] audio, int rate) {
        float[] clipped = audio.clone();
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.max(-1f, Math.min(1f, clipped[i]));
        }
        return "<audio controls preload=\"none\" src=\"data:audio/wav;base64,"
                + Base64.getEncoder().encodeToString(WavWriter.encode(clipped, rate, WavFormat.PCM_16)) + "\"></audio>";
    }

    private static String img(BufferedImage image) {
        try {
            return "<img alt=\"mel spectrogram\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(io.github.soundstream.tensorboard.Png.encode(image)) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
