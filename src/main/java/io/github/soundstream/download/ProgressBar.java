package io.github.soundstream.download;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line download progress display: bytes, rate and ETA, redrawn in place on a terminal. */
public final class ProgressBar implements HttpDownloader.Progress {
    private final PrintStream out;
    private final String label;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long lastPrint;

    public ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void update(long bytes, long total) {
        long now = System.nanoTime();
        boolean done = total >= 0 && bytes >= total;
        if (!done && now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L)) {
            return;
        }
        lastPrint = now;
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = bytes / seconds;
        String eta = total > 0 && rate > 0 ? duration((total - bytes) / rate) : "--:--";
        String line = String.format(Locale.ROOT, "%s  %s / %s  %s/s  ETA %s", label, size(bytes),
                total >= 0 ? size(total) : "?", size((long) rate), eta);
        out.print(terminal ? "\r" + line + "   " + (done ? "\n" : "") : line + "\n");
        out.flush();
    }

    private static String size(long bytes) {
        return bytes >= 1 << 30 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}
