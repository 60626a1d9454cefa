package io.github.soundstream.audio;

/**
 * Converts packed little-endian samples to floats in [-1, 1]. Integer PCM is scaled by 2^(bits-1), so full-scale
 * negative is exactly -1 and a round trip through {@link WavWriter}'s 16-bit output is lossless.
 */
abstract class SampleDecoder {
    private final int bytesPerSample;
    private final String description;

    private SampleDecoder(int bytesPerSample, String description) {
        this.bytesPerSample = bytesPerSample;
        this.description = description;
    }

    int bytesPerSample() {
        return bytesPerSample;
    }

    String description() {
        return description;
    }

    boolean isFloat() {
        return description.startsWith("IEEE float");
    }

    abstract void decode(byte[] in, int inOff, int samples, float[] out, int outOff);

    /** The decoder for a WAV format tag (PCM = 1, IEEE float = 3) and container bit depth, or null if unsupported. */
    static SampleDecoder forWav(int formatTag, int bits) {
        if (formatTag == 1) {
            return switch (bits) {
                case 8 -> new SampleDecoder(1, "PCM 8-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0; i < samples; i++) {
                            out[outOff + i] = ((in[inOff + i] & 0xFF) - 128) / 128f;
                        }
                    }
                };
                case 16 -> new SampleDecoder(2, "PCM 16-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0, p = inOff; i < samples; i++, p += 2) {
                            out[outOff + i] = (short) ((in[p] & 0xFF) | in[p + 1] << 8) / 32768f;
                        }
                    }
                };
                case 24 -> new SampleDecoder(3, "PCM 24-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0, p = inOff; i < samples; i++, p += 3) {
                            int v = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | in[p + 2] << 16;
                            out[outOff + i] = v / 8388608f;
                        }
                    }
                };
                case 32 -> new SampleDecoder(4, "PCM 32-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0, p = inOff; i < samples; i++, p += 4) {
                            out[outOff + i] = (float) (WavReader.le32(in, p) / 2147483648.0);
                        }
                    }
                };
                default -> null;
            };
        }
        if (formatTag == 3) {
            return switch (bits) {
                case 32 -> new SampleDecoder(4, "IEEE float 32-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0, p = inOff; i < samples; i++, p += 4) {
                            out[outOff + i] = Float.intBitsToFloat(WavReader.le32(in, p));
                        }
                    }
                };
                case 64 -> new SampleDecoder(8, "IEEE float 64-bit") {
                    @Override
                    void decode(byte[] in, int inOff, int samples, float[] out, int outOff) {
                        for (int i = 0, p = inOff; i < samples; i++, p += 8) {
                            out[outOff + i] = (float) Double.longBitsToDouble(WavReader.le64(in, p));
                        }
                    }
                };
                default -> null;
            };
        }
        return null;
    }
}
