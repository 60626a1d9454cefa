package io.github.soundstream.codec;

import io.github.soundstream.config.Limits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The 26-byte header of an {@code .ssc} file (see docs/BITSTREAM.md): magic "SSC", version, sample rate, hop
 * length, quantizers used, bits per code, original length in samples (or unknown), model fingerprint, CRC-32.
 *
 * @param length samples of the original signal at the model rate, or {@link #UNKNOWN_LENGTH}
 */
public record StreamHeader(int sampleRate, int hopLength, int quantizers, int bitsPerCode, long length,
        int fingerprint) {
    public static final int SIZE = 26;
    /** The version written: 2 has a full CRC-32 per packet (see {@link Packets}); version 1 is still read. */
    public static final int VERSION = 2;
    private static final int OLDEST_VERSION = 1;
    public static final long UNKNOWN_LENGTH = 0xFFFF_FFFF_FFFFL;
    private static final byte[] MAGIC = {'S', 'S', 'C'};

    public StreamHeader {
        String c = "stream header";
        Limits.require(c, "sampleRate", sampleRate, 1, Integer.MAX_VALUE);
        Limits.require(c, "hopLength", hopLength, 1, 0xFFFF);
        Limits.require(c, "quantizers", quantizers, 1, 255);
        Limits.require(c, "bitsPerCode", bitsPerCode, 1, 16);
        Limits.require(c, "length", length, 0, UNKNOWN_LENGTH);
    }

    public boolean lengthKnown() {
        return length != UNKNOWN_LENGTH;
    }

    public StreamHeader withLength(long samples) {
        return new StreamHeader(sampleRate, hopLength, quantizers, bitsPerCode, samples, fingerprint);
    }

    public double frameRate() {
        return sampleRate / (double) hopLength;
    }

    public byte[] encode() {
        return encode(VERSION);
    }

    byte[] encode(int version) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).putInt(sampleRate).putShort((short) hopLength).put((byte) quantizers)
                .put((byte) bitsPerCode);
        for (int i = 0; i < 6; i++) {
            b.put((byte) (length >>> (8 * i)));
        }
        b.putInt(fingerprint);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, SIZE - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Parses and checks a header; {@code reason} explains what is wrong with it. */
    static StreamHeader decode(byte[] bytes) throws BitstreamException {
        if (bytes.length < SIZE) {
            throw new BitstreamException(bytes.length == 0 ? "empty file" : "truncated: shorter than the header");
        }
        if (bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]) {
            throw new BitstreamException("not a SoundStream bitstream (no SSC magic)");
        }
        if (bytes[3] < OLDEST_VERSION || bytes[3] > VERSION) {
            throw new BitstreamException("unsupported bitstream version " + bytes[3] + " (this reader knows "
                    + OLDEST_VERSION + " to " + VERSION + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, SIZE - 4);
        if (b.getInt(SIZE - 4) != (int) crc.getValue()) {
            throw new BitstreamException("corrupt header (CRC mismatch)");
        }
        b.position(4);
        int rate = b.getInt();
        int hop = b.getShort() & 0xFFFF;
        int quantizers = b.get() & 0xFF;
        int bits = b.get() & 0xFF;
        long length = 0;
        for (int i = 0; i < 6; i++) {
            length |= (b.get() & 0xFFL) << (8 * i);
        }
        int fingerprint = b.getInt();
        try {
            return new StreamHeader(rate, hop, quantizers, bits, length, fingerprint);
        } catch (IllegalArgumentException e) {
            throw new BitstreamException("corrupt header: " + e.getMessage());
        }
    }
}
