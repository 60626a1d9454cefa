package io.github.soundstream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitstreamTest {
    private static int[][] randomCodes(int frames, int layers, int bits, long seed) {
        Random r = new Random(seed);
        int[][] c = new int[frames][layers];
        for (int[] f : c) {
            for (int q = 0; q < layers; q++) {
                f[q] = r.nextInt(1 << bits);
            }
        }
        return c;
    }

    private static byte[] stream(StreamHeader h, int[][] codes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitstreamWriter w = new BitstreamWriter(out, h);
        w.write(codes);
        w.finish();
        return out.toByteArray();
    }

    private static int[][] readAll(byte[] bytes) throws IOException {
        BitstreamReader r = new BitstreamReader(new ByteArrayInputStream(bytes));
        int[][] all = new int[0][];
        int[][] p;
        while ((p = r.nextPacket()) != null) {
            int n = all.length;
            all = Arrays.copyOf(all, n + p.length);
            System.arraycopy(p, 0, all, n, p.length);
        }
        return all;
    }

    @Test
    void codesRoundTripAtEveryBitWidth() throws IOException {
        for (int bits : new int[] {1, 4, 7, 10, 13, 16}) {
            int[][] codes = randomCodes(1000, 3, bits, bits);
            StreamHeader h = new StreamHeader(24000, 320, 3, bits, 1000 * 320, 0xCAFE);
            assertArrayEquals(codes, readAll(stream(h, codes)), bits + " bits");
        }
    }

    @Test
    void tenSecondsAt6And3KbpsAreWithinAboutOnePercentOfNominal() throws IOException {
        // 10 s at 24 kHz: 750 frames of 8 (6 kbit/s) or 4 (3 kbit/s) 10-bit codes
        for (int layers : new int[] {8, 4}) {
            StreamHeader h = new StreamHeader(24000, 320, layers, 10, 240000, 1);
            byte[] bytes = stream(h, randomCodes(750, layers, 10, layers));
            double nominal = layers * 10 * 75 * 10 / 8.0;
            double excess = bytes.length / nominal - 1;
            assertTrue(excess > 0 && excess < 0.0105, layers + " layers: " + bytes.length + " bytes vs " + nominal);
        }
    }

    @Test
    void headerRoundTripsAndRejectsDamage() throws IOException {
        StreamHeader h = new StreamHeader(24000, 320, 8, 10, 123456789L, 0x12345678);
        byte[] bytes = h.encode();
        assertEquals(StreamHeader.SIZE, bytes.length);
        assertEquals(h, StreamHeader.decode(bytes));
        assertEquals(StreamHeader.UNKNOWN_LENGTH, StreamHeader.decode(h.withLength(StreamHeader.UNKNOWN_LENGTH)
                .encode()).length());
        byte[] flipped = bytes.clone();
        flipped[9] ^= 1;
        assertEquals("corrupt header (CRC mismatch)",
                assertThrows(BitstreamException.class, () -> StreamHeader.decode(flipped)).getMessage());
        byte[] notOurs = "RIFF....WAVEfmt ...........".getBytes();
        assertTrue(assertThrows(BitstreamException.class, () -> StreamHeader.decode(notOurs)).getMessage()
                .contains("not a SoundStream bitstream"));
        assertEquals("empty file", assertThrows(BitstreamException.class,
                () -> StreamHeader.decode(new byte[0])).getMessage());
    }

    @Test
    void theFirstBadPacketIsNamedAndNoFramesOfItAreReturned() throws IOException {
        StreamHeader h = new StreamHeader(24000, 320, 2, 10, 1000 * 320, 7);
        byte[] good = stream(h, randomCodes(1000, 2, 10, 1));
        int packet = 2 + BitPacker.bytesFor(375, 2, 10) + 4;
        byte[] damaged = good.clone();
        damaged[StreamHeader.SIZE + packet + 100] ^= 0x10; // inside packet 1
        BitstreamReader r = new BitstreamReader(new ByteArrayInputStream(damaged));
        assertEquals(375, r.nextPacket().length);
        BitstreamException e = assertThrows(BitstreamException.class, r::nextPacket);
        assertEquals("packet 1 at byte " + (StreamHeader.SIZE + packet) + " is corrupt (CRC mismatch)", e.getMessage());

        byte[] cut = Arrays.copyOf(good, StreamHeader.SIZE + packet + 10);
        BitstreamReader r2 = new BitstreamReader(new ByteArrayInputStream(cut));
        r2.nextPacket();
        assertTrue(assertThrows(BitstreamException.class, r2::nextPacket).getMessage().endsWith("is truncated"));

        byte[] missing = Arrays.copyOf(good, StreamHeader.SIZE + 2 * packet);
        BitstreamReader r3 = new BitstreamReader(new ByteArrayInputStream(missing));
        r3.nextPacket();
        r3.nextPacket();
        assertTrue(assertThrows(BitstreamException.class, r3::nextPacket).getMessage().startsWith("truncated: packet 2"));

        BitstreamReader ok = new BitstreamReader(new ByteArrayInputStream(good));
        int frames = 0;
        int[][] p;
        while ((p = ok.nextPacket()) != null) {
            frames += p.length;
        }
        assertEquals(1000, frames);
        assertNull(ok.nextPacket());
    }

    @Test
    void everyOneAndTwoBitErrorInAPacketIsCaught() throws IOException {
        StreamHeader h = new StreamHeader(24000, 320, 8, 10, 375 * 320, 3);
        byte[] good = stream(h, randomCodes(375, 8, 10, 5));
        int packetBits = (good.length - StreamHeader.SIZE) * 8;
        for (int bit = 0; bit < packetBits; bit++) {
            assertCaught(flip(good, bit), "bit " + bit);
        }
        Random r = new Random(2026);
        for (int trial = 0; trial < 20_000; trial++) {
            int a = r.nextInt(packetBits);
            int b = r.nextInt(packetBits - 1);
            b += b >= a ? 1 : 0;
            assertCaught(flip(flip(good, a), b), "bits " + a + " and " + b);
        }
    }

    @Test
    void versionOneFilesStillDecode() throws IOException {
        StreamHeader h = new StreamHeader(24000, 320, 4, 10, 800 * 320, 9);
        int[][] codes = randomCodes(800, 4, 10, 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitstreamWriter w = new BitstreamWriter(out, h, Packets.DEFAULT_FRAMES, 1);
        w.write(codes);
        w.finish();
        byte[] v1 = out.toByteArray();
        assertEquals(1, v1[3]);
        assertEquals(stream(h, codes).length - 3 * 2, v1.length, "two check bytes fewer in each of 3 packets");
        assertArrayEquals(codes, readAll(v1));
        assertCaught(flip(v1, (StreamHeader.SIZE + 40) * 8 + 3), "a flipped bit in a version-1 packet");
    }

    private static byte[] flip(byte[] bytes, int packetBit) {
        byte[] b = bytes.clone();
        b[StreamHeader.SIZE + packetBit / 8] ^= (byte) (1 << (packetBit % 8));
        return b;
    }

    private static void assertCaught(byte[] damaged, String what) {
        assertThrows(BitstreamException.class, () -> readAll(damaged), what);
    }
}
