package io.github.soundstream.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TFRecord framing: u64 length, masked CRC of the length, payload, masked CRC of the payload, all little-endian.
 * A record is built whole in memory so it reaches the file in one write.
 */
final class TfRecord {
    private TfRecord() {
    }

    static byte[] frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(payload.length);
        b.putInt(MaskedCrc32c.of(b.array(), 0, 8));
        b.put(payload);
        b.putInt(MaskedCrc32c.of(payload, 0, payload.length));
        return b.array();
    }
}
