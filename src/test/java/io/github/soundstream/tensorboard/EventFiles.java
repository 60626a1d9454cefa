package io.github.soundstream.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An independent reader for tests: TFRecord framing with CRC checks and a generic protobuf field decoder. */
final class EventFiles {
    private EventFiles() {
    }

    /** Decoded protobuf message: field number → values (Long for varint/fixed, byte[] for length-delimited). */
    record Message(Map<Integer, List<Object>> fields) {
        Object first(int field) {
            List<Object> v = fields.get(field);
            return v == null ? null : v.get(0);
        }

        Message message(int field) {
            Object v = first(field);
            return v == null ? null : decode((byte[]) v);
        }

        String string(int field) {
            Object v = first(field);
            return v == null ? null : new String((byte[]) v, StandardCharsets.UTF_8);
        }

        long varint(int field) {
            Object v = first(field);
            return v == null ? 0 : (Long) v;
        }

        double doubleValue(int field) {
            return Double.longBitsToDouble((Long) first(field));
        }

        float floatValue(int field) {
            return Float.intBitsToFloat((int) (long) (Long) first(field));
        }

        byte[] bytes(int field) {
            return (byte[]) first(field);
        }
    }

    /** Complete records of a file; a truncated final record is reported as {@code truncatedTail}. */
    record Records(List<byte[]> payloads, boolean truncatedTail) {
    }

    static Records read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.remaining() > 0) {
            if (b.remaining() < 12) {
                return new Records(out, true);
            }
            int start = b.position();
            long length = b.getLong();
            assertEquals(MaskedCrc32c.of(all, start, 8), b.getInt(), "length CRC at " + start);
            if (b.remaining() < length + 4) {
                return new Records(out, true);
            }
            byte[] payload = new byte[(int) length];
            b.get(payload);
            assertEquals(MaskedCrc32c.of(payload, 0, payload.length), b.getInt(), "payload CRC at " + start);
            out.add(payload);
        }
        return new Records(out, false);
    }

    static Message decode(byte[] data) {
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            long key = varint(b);
            int field = (int) (key >>> 3);
            Object value = switch ((int) (key & 7)) {
                case 0 -> varint(b);
                case 1 -> b.getLong();
                case 5 -> (long) b.getInt();
                case 2 -> {
                    byte[] v = new byte[(int) varint(b)];
                    b.get(v);
                    yield v;
                }
                default -> throw new IllegalStateException("wire type " + (key & 7));
            };
            fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }
        return new Message(fields);
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b.get();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    static Path onlyEventFile(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().contains("tfevents")).toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }
}
