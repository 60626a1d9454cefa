package io.github.soundstream.metrics;

import java.util.Locale;

/** Tiny inline SVG charts for the report (no scripts, no CDN). */
final class Charts {
    private static final int W = 360;
    private static final int H = 220;
    private static final int PAD = 40;

    private Charts() {
    }

    static String line(String title, double[] x, double[] y, String xLabel) {
        double x0 = min(x);
        double x1 = max(x);
        double y0 = min(y);
        double y1 = max(y);
        if (y1 - y0 < 1e-9) {
            y0 -= 1;
            y1 += 1;
        }
        if (x1 - x0 < 1e-9) {
            x0 -= 1;
            x1 += 1;
        }
        StringBuilder s = frame(title);
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            double px = PAD + (x[i] - x0) / (x1 - x0) * (W - 2 * PAD);
            double py = H - PAD - (y[i] - y0) / (y1 - y0) * (H - 2 * PAD);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#b63679\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>", px, py, px,
                    py - 8, y[i]));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">"
                    + "%.2f</text>", px, H - PAD + 14, x[i]));
        }
        s.append("<polyline fill=\"none\" stroke=\"#51127c\" stroke-width=\"2\" points=\"").append(pts).append("\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                W / 2, H - 6, EvalReport.esc(xLabel)));
        return s.append("</svg>").toString();
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
