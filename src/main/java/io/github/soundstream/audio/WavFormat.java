package io.github.soundstream.audio;

/** The sample encodings {@link WavWriter} writes. */
public enum WavFormat {
    /** 16-bit integer PCM, rounded and clipped to [-1, 1). */
    PCM_16(1, 16),
    /** 32-bit IEEE float, written as is. */
    FLOAT_32(3, 32);

    final int formatTag;
    final int bits;

    WavFormat(int formatTag, int bits) {
        this.formatTag = formatTag;
        this.bits = bits;
    }

    int bytesPerSample() {
        return bits / 8;
    }
}
