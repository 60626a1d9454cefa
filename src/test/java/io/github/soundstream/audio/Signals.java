package io.github.soundstream.audio;

/** Measurement helpers in double precision (the float64 references the audio tests compare against). */
final class Signals {
    private Signals() {
    }

    /** Amplitude of the {@code freq} component over x[from, to), by correlation with sine and cosine. */
    static double toneAmplitude(float[] x, int from, int to, double freq, int rate) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            re += x[i] * Math.cos(w);
            im += x[i] * Math.sin(w);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    /**
     * THD+N in dB: least-squares fit of a·sin + b·cos + c at {@code freq} over x[from, to), then the power of what
     * is left relative to the fitted tone's power.
     */
    static double thdPlusNoiseDb(float[] x, int from, int to, double freq, int rate) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            double[] row = {Math.sin(w), Math.cos(w), 1};
            for (int r = 0; r < 3; r++) {
                atb[r] += row[r] * x[i];
                for (int c = 0; c < 3; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        double[] coef = solve3(ata, atb);
        double residual = 0;
        double tone = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            double fit = coef[0] * Math.sin(w) + coef[1] * Math.cos(w);
            tone += fit * fit;
            double e = x[i] - fit - coef[2];
            residual += e * e;
        }
        return 10 * Math.log10(residual / tone);
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    private static double[] solve3(double[][] a, double[] b) {
        double[][] m = new double[3][4];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(a[r], 0, m[r], 0, 3);
            m[r][3] = b[r];
        }
        for (int p = 0; p < 3; p++) {
            int best = p;
            for (int r = p + 1; r < 3; r++) {
                if (Math.abs(m[r][p]) > Math.abs(m[best][p])) {
                    best = r;
                }
            }
            double[] t = m[p];
            m[p] = m[best];
            m[best] = t;
            for (int r = 0; r < 3; r++) {
                if (r != p) {
                    double f = m[r][p] / m[p][p];
                    for (int c = p; c < 4; c++) {
                        m[r][c] -= f * m[p][c];
                    }
                }
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }
}
