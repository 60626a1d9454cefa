package io.github.soundstream.audio.synth;

import java.util.SplittableRandom;

/** One source in a synthetic soundscape. Implementations use only {@code rng} and StrictMath, so a seed fixes every bit. */
interface SoundLayer {
    /** Renders {@code frames} samples at {@code sampleRate}; the caller normalises and sets the level. */
    float[] render(int frames, int sampleRate, SplittableRandom rng);
}
