package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.MelFilterbank;
import io.github.soundstream.audio.Spectrogram;
import io.github.soundstream.nn.Constants;

/**
 * SoundStream's multi-scale spectral reconstruction loss: for windows s = 64, 128, …, 2048 (hop s/4, 64 HTK mel
 * bands, 0 Hz to Nyquist), mean |M_s(x) − M_s(y)| on mel magnitudes plus α_s·mean((log M_s(x) − log M_s(y))²) with
 * α_s = √(s/2), summed over scales. Magnitudes are √(re² + im² + 1e-12), so the gradient stays finite on silent
 * bins; the log uses an offset of 1e-5.
 */
public final class MelReconstructionLoss {
    public static final int[] WINDOWS = {64, 128, 256, 512, 1024, 2048};
    public static final int MEL_BANDS = 64;

    private final int sampleRate;
    private final Constants constants;

    public MelReconstructionLoss(int sampleRate, Constants constants) {
        this.sampleRate = sampleRate;
        this.constants = constants;
    }

    /** Loss between {@code target} and {@code prediction}, both (B, 1, L). */
    public NDArray compute(NDArray target, NDArray prediction) {
        NDArray total = null;
        for (int s : WINDOWS) {
            NDArray mx = mel(target.stopGradient(), s);
            NDArray my = mel(prediction, s);
            NDArray l1 = my.sub(mx).abs().mean();
            NDArray eps = constants.like(1e-5, my);
            NDArray l2 = my.add(eps).log().sub(mx.add(eps).log()).square().mean();
            NDArray term = l1.add(l2.mul(constants.like(Math.sqrt(s / 2.0), l2)));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** (B, frames, mels) mel magnitudes. */
    NDArray mel(NDArray audio, int window) {
        DataType type = audio.getDataType();
        NDArray hann = constants.array("hann" + window + type,
                m -> m.create(Spectrogram.hann(window)).toType(type, false));
        NDArray filters = constants.array("melT" + window + "/" + sampleRate + type, m -> {
            MelFilterbank fb = new MelFilterbank(sampleRate, window, MEL_BANDS, 0, sampleRate / 2.0);
            return m.create(fb.toFloatMatrix(), new Shape(MEL_BANDS, fb.bins())).transpose().toType(type, false);
        });
        NDArray spec = audio.squeeze(1).stft(window, window / 4, true, hann, true).real(); // (B, F, frames, 2)
        NDArray magnitude = spec.square().sum(new int[] {3}).add(constants.like(1e-12, spec)).sqrt();
        return magnitude.transpose(0, 2, 1).matMul(filters);
    }
}
