package io.github.soundstream.tensorboard;

import java.util.zip.CRC32C;

/** TFRecord's checksum: CRC32C (Castagnoli) rotated right by 15 bits plus a constant, as LevelDB masks it. */
final class MaskedCrc32c {
    private static final int MASK_DELTA = 0xA282EAD8;

    private MaskedCrc32c() {
    }

    static int of(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }
}
