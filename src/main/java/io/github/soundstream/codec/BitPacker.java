package io.github.soundstream.codec;

/** Codes packed MSB-first at a fixed bit width, frame after frame, each frame's layers in order. */
final class BitPacker {
    private BitPacker() {
    }

    static int bytesFor(int frames, int quantizers, int bits) {
        return (int) (((long) frames * quantizers * bits + 7) / 8);
    }

    /** Packs {@code codes[frame][layer]} into a new byte array. */
    static byte[] pack(int[][] codes, int quantizers, int bits) {
        byte[] out = new byte[bytesFor(codes.length, quantizers, bits)];
        long bit = 0;
        for (int[] frame : codes) {
            for (int q = 0; q < quantizers; q++) {
                int v = frame[q];
                for (int i = bits - 1; i >= 0; i--) {
                    if ((v >>> i & 1) != 0) {
                        out[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                    bit++;
                }
            }
        }
        return out;
    }

    static int[][] unpack(byte[] data, int frames, int quantizers, int bits) {
        int[][] out = new int[frames][quantizers];
        long bit = 0;
        for (int f = 0; f < frames; f++) {
            for (int q = 0; q < quantizers; q++) {
                int v = 0;
                for (int i = 0; i < bits; i++) {
                    v = v << 1 | (data[(int) (bit >>> 3)] >>> (7 - (bit & 7)) & 1);
                    bit++;
                }
                out[f][q] = v;
            }
        }
        return out;
    }
}
