package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import io.github.soundstream.nn.Constants;

/**
 * Multi-resolution linear-frequency STFT loss (Parallel WaveGAN's, and the {@code eval} report's MR-STFT distance):
 * the mean over windows 512, 1024 and 2048 (hop window/4, Hann, centred) of spectral convergence
 * ‖|X| − |Y|‖_F / ‖|X|‖_F plus mean |ln(|X| + 1e-7) − ln(|Y| + 1e-7)|, over the whole batch. A mel band 300 Hz wide
 * holds the same energy whether a bird whistles in it or noise fills it; bins 12–47 Hz wide tell them apart, which
 * is what the mel loss alone cannot see.
 */
public final class StftMagnitudeLoss {
    static final int[] WINDOWS = {512, 1024, 2048};
    private static final double LOG_OFFSET = 1e-7;

    private final Constants constants;

    public StftMagnitudeLoss(Constants constants) {
        this.constants = constants;
    }

    /** Loss between {@code target} and {@code prediction}, both (B, 1, L). */
    public NDArray compute(NDArray target, NDArray prediction) {
        NDArray total = null;
        for (int window : WINDOWS) {
            NDArray x = magnitudes(target.stopGradient(), window, constants);
            NDArray y = magnitudes(prediction, window, constants);
            NDArray convergence = x.sub(y).square().sum().sqrt().div(x.square().sum().sqrt());
            NDArray offset = constants.like(LOG_OFFSET, y);
            NDArray logDistance = x.add(offset).log().sub(y.add(offset).log()).abs().mean();
            NDArray term = convergence.add(logDistance);
            total = total == null ? term : total.add(term);
        }
        return total.div(constants.like(WINDOWS.length, total));
    }

    /**
     * (B, bins, frames) STFT magnitudes √(re² + im² + 1e-12) of (B, 1, L) audio: the offset keeps the gradient
     * finite on silent bins.
     */
    static NDArray magnitudes(NDArray audio, int window, Constants constants) {
        NDArray spec = ComplexStft.of(audio, window, window / 4, constants);
        return spec.square().sum(new int[] {3}).add(constants.like(1e-12, spec)).sqrt();
    }
}
