package io.github.soundstream.data;

import io.github.soundstream.audio.synth.Soundscape;

/** The embedded corpus: clip i of seed s is always the same soundscape. */
public final class SyntheticClips implements ClipSource {
    private final long seed;
    private final int count;
    private final int sampleRate;
    private final int samples;

    public SyntheticClips(long seed, int count, int sampleRate, int samples) {
        this.seed = seed;
        this.count = count;
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public float[] clip(int index, long cropSeed) {
        return Soundscape.generate(Soundscape.clipSeed(seed, index), sampleRate, samples);
    }

    @Override
    public String describe(int index) {
        return "synthetic clip " + index;
    }
}
