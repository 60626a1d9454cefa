package io.github.soundstream.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.soundstream.audio.Spectrogram;
import io.github.soundstream.nn.Constants;

/**
 * The complex STFT every spectral loss and discriminator here takes, inside the autograd graph: periodic Hann
 * window, centred frames, the window held once per (size, type) on the long-lived constants.
 */
final class ComplexStft {
    private ComplexStft() {
    }

    /** (B, bins, frames, 2) real and imaginary parts of (B, 1, L) audio. */
    static NDArray of(NDArray audio, int window, int hop, Constants constants) {
        DataType type = audio.getDataType();
        NDArray hann = constants.array("hann" + window + type,
                m -> m.create(Spectrogram.hann(window)).toType(type, false));
        return audio.squeeze(1).stft(window, hop, true, hann, true).real();
    }
}
