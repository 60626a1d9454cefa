package io.github.soundstream.audio;

/** Peak and RMS level over all samples fed to it, in dBFS (0 dBFS = full scale; a full-scale sine has RMS −3.01). */
public final class LevelMeter {
    private double peak;
    private double sumSquares;
    private long samples;

    public void accept(float[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            double v = values[i];
            double a = Math.abs(v);
            if (a > peak) {
                peak = a;
            }
            sumSquares += v * v;
        }
        samples += length;
    }

    public double peakDbfs() {
        return toDb(peak);
    }

    public double rmsDbfs() {
        return samples == 0 ? Double.NEGATIVE_INFINITY : toDb(Math.sqrt(sumSquares / samples));
    }

    public long samples() {
        return samples;
    }

    static double toDb(double linear) {
        return linear <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(linear);
    }
}
