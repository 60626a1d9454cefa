package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.soundstream.audio.MelFilterbank;
import io.github.soundstream.nn.Constants;

/**
 * SoundStream's multi-scale spectral reconstruction loss: for windows s = 64, 128, …, 2048 (hop s/4, 64 HTK mel
 * bands, 0 Hz to Nyquist), mean |M_s(x) − M_s(y)| on mel magnitudes plus α_s·mean((log M_s(x) − log M_s(y))²) with
 * α_s = √(s/2), summed over scales. Magnitudes are √(re² + im² + 1e-12), so the gradient stays finite on silent
 * bins; the log uses an offset of 1e-5.
 *
 * <p>{@link #dac} is DAC's instead: windows 32, 64, …, 2048 with 5, 10, …, 320 mel bands, and mean
 * |log10 max(M_s(x), 1e-5) − log10 max(M_s(y), 1e-5)| summed over scales; the narrow windows resolve onsets, the
 * many bands of the wide ones resolve tones.
 */
public final class MelReconstructionLoss {
    public static final int[] WINDOWS = {64, 128, 256, 512, 1024, 2048};
    public static final int MEL_BANDS = 64;
    private static final int[] DAC_WINDOWS = {32, 64, 128, 256, 512, 1024, 2048};
    private static final int[] DAC_BANDS = {5, 10, 20, 40, 80, 160, 320};

    private final int sampleRate;
    private final Constants constants;
    private final boolean dac;

    public MelReconstructionLoss(int sampleRate, Constants constants) {
        this(sampleRate, constants, false);
    }

    private MelReconstructionLoss(int sampleRate, Constants constants, boolean dac) {
        this.sampleRate = sampleRate;
        this.constants = constants;
        this.dac = dac;
    }

    /** DAC's multi-scale mel loss. */
    public static MelReconstructionLoss dac(int sampleRate, Constants constants) {
        return new MelReconstructionLoss(sampleRate, constants, true);
    }

    /** "soundstream" (the paper's, the default) or "dac". */
    public static MelReconstructionLoss named(String name, int sampleRate, Constants constants) {
        return switch (name) {
            case "soundstream" -> new MelReconstructionLoss(sampleRate, constants);
            case "dac" -> dac(sampleRate, constants);
            default -> throw new IllegalArgumentException("unknown mel loss '" + name + "' (soundstream, dac)");
        };
    }

    /** Loss between {@code target} and {@code prediction}, both (B, 1, L). */
    public NDArray compute(NDArray target, NDArray prediction) {
        return dac ? computeDac(target, prediction) : computeSoundStream(target, prediction);
    }

    private NDArray computeDac(NDArray target, NDArray prediction) {
        NDArray total = null;
        for (int i = 0; i < DAC_WINDOWS.length; i++) {
            NDArray mx = mel(target.stopGradient(), DAC_WINDOWS[i], DAC_BANDS[i]);
            NDArray my = mel(prediction, DAC_WINDOWS[i], DAC_BANDS[i]);
            NDArray floor = constants.like(1e-5, my);
            NDArray term = my.maximum(floor).log().sub(mx.maximum(floor).log()).abs().mean();
            term = term.mul(constants.like(1 / Math.log(10), term)); // natural log to log10
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private NDArray computeSoundStream(NDArray target, NDArray prediction) {
        NDArray total = null;
        for (int s : WINDOWS) {
            NDArray mx = mel(target.stopGradient(), s, MEL_BANDS);
            NDArray my = mel(prediction, s, MEL_BANDS);
            NDArray l1 = my.sub(mx).abs().mean();
            NDArray eps = constants.like(1e-5, my);
            NDArray l2 = my.add(eps).log().sub(mx.add(eps).log()).square().mean();
            NDArray term = l1.add(l2.mul(constants.like(Math.sqrt(s / 2.0), l2)));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** (B, frames, bands) mel magnitudes. */
    NDArray mel(NDArray audio, int window, int bands) {
        DataType type = audio.getDataType();
        NDArray filters = constants.array("melT" + window + "x" + bands + "/" + sampleRate + type, m -> {
            MelFilterbank fb = new MelFilterbank(sampleRate, window, bands, 0, sampleRate / 2.0);
            return m.create(fb.toFloatMatrix(), new Shape(bands, fb.bins())).transpose().toType(type, false);
        });
        return StftMagnitudeLoss.magnitudes(audio, window, constants).transpose(0, 2, 1).matMul(filters);
    }
}
