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
    public record Summary(double kbps, double achievedKbps, double snr, double siSnr, double melDistance,
            double stftDistance, double spectralConvergence, double lsd, double encodeSpeed, double decodeSpeed) {
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
            out.add(new Summary(kbps[b], mean(r -> r.achievedKbps(), i), mean(Evaluation.Result::snr, i),
                    mean(Evaluation.Result::siSnr, i), mean(Evaluation.Result::melDistance, i),
                    mean(Evaluation.Result::stftDistance, i), mean(Evaluation.Result::spectralConvergence, i),
                    mean(Evaluation.Result::lsd, i), mean(Evaluation.Result::encodeSpeed, i),
                    mean(Evaluation.Result::decodeSpeed, i)));
        }
        return out;
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
            ToDoubleFunction<ToDoubleFunction<Evaluation.Result>> m = f -> samples.stream()
                    .mapToDouble(s -> f.applyAsDouble(s.opus().get(b))).average().orElse(Double.NaN);
            out.add(new Summary(samples.get(0).opus().get(b).kbps(), m.applyAsDouble(Evaluation.Result::achievedKbps),
                    m.applyAsDouble(Evaluation.Result::snr), m.applyAsDouble(Evaluation.Result::siSnr),
                    m.applyAsDouble(Evaluation.Result::melDistance), m.applyAsDouble(Evaluation.Result::stftDistance),
                    m.applyAsDouble(Evaluation.Result::spectralConvergence), m.applyAsDouble(Evaluation.Result::lsd),
                    m.applyAsDouble(Evaluation.Result::encodeSpeed), m.applyAsDouble(Evaluation.Result::decodeSpeed)));
        }
        return out;
    }

    private double mean(ToDoubleFunction<Evaluation.Result> f, int bitrate) {
        return samples.stream().mapToDouble(s -> f.applyAsDouble(s.results().get(bitrate))).average().orElse(Double.NaN);
    }

    public String json() {
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", checkpoint);
        JsonArray summary = new JsonArray();
        for (Summary s : summaries()) {
            JsonObject row = figures(s.kbps(), s.achievedKbps(), s.snr(), s.siSnr(), s.melDistance(), s.stftDistance(),
                    s.spectralConvergence(), s.lsd());
            row.add("encode_x_realtime", Json.number(s.encodeSpeed()));
            row.add("decode_x_realtime", Json.number(s.decodeSpeed()));
            summary.add(row);
        }
        o.add("summary", summary);
        JsonArray layers = new JsonArray();
        for (CodebookUsage u : layerUsage()) {
            JsonObject row = new JsonObject();
            row.addProperty("codes_used", u.used());
            row.add("perplexity", Json.number(u.perplexity()));
            layers.add(row);
        }
        o.add("layers", layers);
        JsonArray files = new JsonArray();
        for (Evaluation.Sample s : samples) {
            for (Evaluation.Result r : s.results()) {
                JsonObject row = figures(r.kbps(), r.achievedKbps(), r.snr(), r.siSnr(), r.melDistance(),
                        r.stftDistance(), r.spectralConvergence(), r.lsd());
                row.addProperty("file", s.file().toString());
                files.add(row);
            }
        }
        o.add("files", files);
        return Json.pretty(o);
    }

    private static JsonObject figures(double kbps, double achieved, double snr, double siSnr, double mel, double stft,
            double convergence, double lsd) {
        JsonObject o = new JsonObject();
        o.add("kbps", Json.number(kbps));
        o.add("achieved_kbps", Json.number(achieved));
        o.add("snr_db", Json.number(snr));
        o.add("si_snr_db", Json.number(siSnr));
        o.add("mel_distance", Json.number(mel));
        o.add("stft_distance", Json.number(stft));
        o.add("spectral_convergence", Json.number(convergence));
        o.add("lsd_db", Json.number(lsd));
        return o;
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
                .append("<th>encode ×RT</th><th>decode ×RT</th></tr>");
        for (Summary s : sums) {
            h.append(String.format(Locale.ROOT, "<tr><td>%.2f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td><td>%.3f</td>"
                    + "<td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.1f</td><td>%.1f</td></tr>", s.kbps(),
                    s.achievedKbps(), s.siSnr(), s.snr(), s.melDistance(), s.stftDistance(), s.spectralConvergence(),
                    s.lsd(), s.encodeSpeed(), s.decodeSpeed()));
        }
        for (Summary s : opusSummaries()) {
            h.append(String.format(Locale.ROOT, "<tr><td>Opus %.2f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td>"
                    + "<td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td colspan=\"2\">round trip %.1f×</td></tr>",
                    s.kbps(), s.achievedKbps(), s.siSnr(), s.snr(), s.melDistance(), s.stftDistance(),
                    s.spectralConvergence(), s.lsd(), s.encodeSpeed()));
        }
        h.append("</table><div class=\"charts\">");
        h.append(Charts.line("SI-SNR (dB) vs bitrate", sums.stream().mapToDouble(Summary::kbps).toArray(),
                sums.stream().mapToDouble(Summary::siSnr).toArray(), "kbit/s"));
        h.append(Charts.line("mel distance vs bitrate (lower is better)", sums.stream().mapToDouble(Summary::kbps)
                .toArray(), sums.stream().mapToDouble(Summary::melDistance).toArray(), "kbit/s"));
        List<CodebookUsage> usage = layerUsage();
        h.append(Charts.bars("codes used per layer (of " + config.codebookSize() + ")",
                usage.stream().mapToDouble(CodebookUsage::used).toArray(), config.codebookSize()));
        h.append(Charts.bars("perplexity per layer", usage.stream().mapToDouble(CodebookUsage::perplexity).toArray(),
                config.codebookSize()));
        h.append("</div>");
        for (Evaluation.Sample s : samples) {
            h.append("<div class=\"sample\"><h3>").append(esc(s.file().getFileName().toString())).append("</h3>")
                    .append("<p>original ").append(player(s.audio(), rate)).append("</p><table><tr><th>kbit/s</th>")
                    .append("<th>SI-SNR dB</th><th>mel dist.</th><th>LSD dB</th><th>listen</th></tr>");
            for (Evaluation.Result r : s.results()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%.2f</td><td>%.2f</td><td>%.3f</td><td>%.2f</td><td>",
                        r.kbps(), r.siSnr(), r.melDistance(), r.lsd())).append(player(r.reconstruction(), rate))
                        .append("</td></tr>");
            }
            for (Evaluation.Result r : s.opus()) {
                h.append(String.format(Locale.ROOT, "<tr><td>Opus %.2f</td><td>%.2f</td><td>%.3f</td><td>%.2f</td><td>",
                        r.kbps(), r.siSnr(), r.melDistance(), r.lsd())).append(player(r.reconstruction(), rate))
                        .append("</td></tr>");
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
