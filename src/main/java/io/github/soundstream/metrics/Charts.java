package io.github.soundstream.metrics;

import java.util.List;
import java.util.Locale;

/** Tiny inline SVG charts for the report (no scripts, no CDN). */
final class Charts {
    private static final int W = 360;
    private static final int H = 220;
    private static final int PAD = 40;

    private Charts() {
    }

    /** One line of a chart. */
    record Series(String name, double[] x, double[] y) {
    }

    private static final String[] COLORS = {"#51127c", "#e08a00"};

    /**
     * Lines of y against x, with x from 0 and y over at least [lo, hi] (widened to hold the data): the axes say
     * where a figure stands on the metric's scale, so a change of half a dB does not look like a climb.
     */
    static String line(String title, String xLabel, double lo, double hi, List<Series> series) {
        double x1 = 0;
        double y0 = lo;
        double y1 = hi;
        for (Series s : series) {
            x1 = Math.max(x1, max(s.x()));
            if (s.y().length > 0) {
                y0 = Math.min(y0, min(s.y()));
                y1 = Math.max(y1, max(s.y()));
            }
        }
        x1 = x1 > 0 ? x1 * 1.1 : 1;
        StringBuilder svg = frame(title);
        for (double t : new double[] {y0, (y0 + y1) / 2, y1}) {
            double py = H - PAD - (t - y0) / (y1 - y0) * (H - 2 * PAD);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.3g</text>", PAD, py, W - PAD, py,
                    PAD - 4, py + 3, t));
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (s.x().length == 0) {
                continue;
            }
            String color = COLORS[k % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    continue; // no figure at this point (no pitched clip, say): no mark
                }
                double px = PAD + s.x()[i] / x1 * (W - 2 * PAD);
                double py = H - PAD - (s.y()[i] - y0) / (y1 - y0) * (H - 2 * PAD);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>", px, py, color,
                        px, py - 8, s.y()[i], px, H - PAD + 14, s.x()[i]));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(pts).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    W - PAD - 40, 34 + 14 * k, color, EvalReport.esc(s.name())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s"
                + "</text>", W / 2, H - 6, EvalReport.esc(xLabel)));
        return svg.append("</svg>").toString();
    }

    static String bars(String title, double[] values, double scaleMax) {
        StringBuilder s = frame(title);
        double top = Math.max(max(values), 1e-9);
        double scale = Math.min(top * 1.15, scaleMax);
        double bw = (W - 2.0 * PAD) / Math.max(1, values.length);
        for (int i = 0; i < values.length; i++) {
            double h = Math.min(1, values[i] / scale) * (H - 2 * PAD);
            double x = PAD + i * bw + 2;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#e65164\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%.0f"
                    + "</text><text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>", x,
                    H - PAD - h, bw - 4, h, x + (bw - 4) / 2, H - PAD - h - 4, values[i], x + (bw - 4) / 2,
                    H - PAD + 14, i));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">layer"
                + "</text>", W / 2, H - 6));
        return s.append("</svg>").toString();
    }

    private static StringBuilder frame(String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" role=\"img\"><title>%s</title><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\" "
                + "stroke=\"#ccc\"/><text x=\"%d\" y=\"18\" font-size=\"13\" text-anchor=\"middle\">%s</text>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", W, H, EvalReport.esc(title), W / 2,
                EvalReport.esc(title), PAD, H - PAD, W - PAD, H - PAD));
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(1);
    }
}
