package io.github.soundstream.tensorboard;

/** Matplotlib's perceptually uniform "magma", interpolated linearly between nine of its stops. */
final class Colormap {
    private static final int[] MAGMA = {0x000004, 0x1D1147, 0x51127C, 0x822681, 0xB63679, 0xE65164, 0xFB8861,
        0xFEC287, 0xFCFDBF};

    private Colormap() {
    }

    /** RGB for {@code v} in [0, 1] (clamped; NaN maps to 0). */
    static int magma(double v) {
        double x = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v)) * (MAGMA.length - 1);
        int i = Math.min((int) x, MAGMA.length - 2);
        double f = x - i;
        int a = MAGMA[i];
        int b = MAGMA[i + 1];
        int r = lerp(a >> 16 & 0xFF, b >> 16 & 0xFF, f);
        int g = lerp(a >> 8 & 0xFF, b >> 8 & 0xFF, f);
        int bl = lerp(a & 0xFF, b & 0xFF, f);
        return r << 16 | g << 8 | bl;
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
