package io.github.soundstream.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of two {@code soundstream bench --json} runs side by side: each figure both runs measured, with this
 * run's value as a multiple of the reference's, oriented so that above 1 is better (faster, or less memory).
 */
public final class BenchComparison {
    /** A figure: its JSON path, its label, and whether more is better. */
    private record Figure(String path, String label, boolean moreIsBetter) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("whole_encode_x_rt", "whole-file encode (× real time)", true),
            new Figure("whole_decode_x_rt", "whole-file decode (× real time)", true),
            new Figure("stream_encode_x_rt", "frame-by-frame encode (× real time)", true),
            new Figure("stream_decode_x_rt", "frame-by-frame decode (× real time)", true),
            new Figure("codec_peak_rss_mb", "codec peak RSS (MB)", false),
            new Figure("training.seconds_per_step", "training (s per step)", false),
            new Figure("training.peak_rss_mb", "training peak RSS (MB)", false));

    private BenchComparison() {
    }

    /** One line per figure both hold: "label: this vs reference: ratio× better|worse". */
    public static List<String> lines(JsonObject current, JsonObject reference) {
        List<String> out = new ArrayList<>();
        String precision = text(current, "precision");
        String referencePrecision = text(reference, "precision");
        if (!precision.equals(referencePrecision)) {
            out.add("convolutions: " + precision + " vs " + referencePrecision);
        }
        for (Figure f : FIGURES) {
            Double a = number(current, f.path());
            Double b = number(reference, f.path());
            if (a == null || b == null || a <= 0 || b <= 0) {
                continue;
            }
            double better = f.moreIsBetter() ? a / b : b / a;
            out.add(String.format(Locale.ROOT, "%s: %.4g vs %.4g: %.2f× %s", f.label(), a, b,
                    better >= 1 ? better : 1 / better, better >= 1 ? "better" : "worse"));
        }
        return out;
    }

    /** A text field; runs from before the field existed computed in fp32. */
    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "fp32";
    }

    private static Double number(JsonObject o, String path) {
        JsonElement e = o;
        for (String key : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            e = e.getAsJsonObject().get(key);
        }
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : null;
    }
}
