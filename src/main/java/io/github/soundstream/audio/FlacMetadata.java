package io.github.soundstream.audio;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;

/**
 * Hands the FLAC decoder (jflac) a stream with STREAMINFO as its only metadata block. jflac trusts the lengths
 * inside other blocks (a VORBIS_COMMENT claiming a 2 GB vendor string is allocated as one), and we use none of
 * them; skipping them by their own 24-bit lengths costs no memory. STREAMINFO's fields are checked here too.
 */
final class FlacMetadata {
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;
    private static final byte[] MAGIC = {'f', 'L', 'a', 'C'};

    private FlacMetadata() {
    }

    static InputStream streamInfoOnly(InputStream in, Path path) throws IOException {
        byte[] head = readFully(in, 4, path, "shorter than a FLAC header");
        if (head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            byte[] rest = readFully(in, 6, path, "ID3 tag cut short");
            long size = (rest[2] & 0x7F) << 21 | (rest[3] & 0x7F) << 14 | (rest[4] & 0x7F) << 7 | (rest[5] & 0x7F);
            skip(in, size, path);
            head = readFully(in, 4, path, "no FLAC stream after the ID3 tag");
        }
        if (!java.util.Arrays.equals(head, MAGIC)) {
            throw new AudioFileException(path, "not a FLAC file (no fLaC marker)");
        }
        byte[] streamInfo = null;
        boolean last = false;
        while (!last) {
            byte[] h = readFully(in, 4, path, "truncated: metadata block header cut short");
            last = (h[0] & 0x80) != 0;
            int type = h[0] & 0x7F;
            int length = (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
            if (type == 127) {
                throw new AudioFileException(path, "corrupt FLAC: invalid metadata block type 127");
            }
            if (streamInfo == null && type != STREAMINFO) {
                throw new AudioFileException(path, "corrupt FLAC: the first metadata block is not STREAMINFO");
            }
            if (type == STREAMINFO) {
                if (streamInfo != null || length != STREAMINFO_LENGTH) {
                    throw new AudioFileException(path, "corrupt FLAC: STREAMINFO block of " + length + " bytes");
                }
                streamInfo = readFully(in, STREAMINFO_LENGTH, path, "truncated: STREAMINFO cut short");
                check(streamInfo, path);
            } else {
                skip(in, length, path);
            }
        }
        byte[] header = new byte[4 + 4 + STREAMINFO_LENGTH];
        System.arraycopy(MAGIC, 0, header, 0, 4);
        header[4] = (byte) 0x80; // the last (and only) metadata block
        header[7] = STREAMINFO_LENGTH;
        System.arraycopy(streamInfo, 0, header, 8, STREAMINFO_LENGTH);
        return new SequenceInputStream(new ByteArrayInputStream(header), in);
    }

    private static void check(byte[] s, Path path) throws AudioFileException {
        int minBlock = (s[0] & 0xFF) << 8 | (s[1] & 0xFF);
        int maxBlock = (s[2] & 0xFF) << 8 | (s[3] & 0xFF);
        int rate = (s[10] & 0xFF) << 12 | (s[11] & 0xFF) << 4 | (s[12] & 0xF0) >> 4;
        int bits = ((s[12] & 0x01) << 4 | (s[13] & 0xF0) >> 4) + 1;
        if (minBlock < 16 || maxBlock < minBlock) {
            throw new AudioFileException(path, "corrupt FLAC: STREAMINFO block sizes " + minBlock + ".." + maxBlock);
        }
        if (rate < 1 || rate > 655350) {
            throw new AudioFileException(path, "corrupt FLAC: STREAMINFO sample rate " + rate);
        }
        if (bits < 4) {
            throw new AudioFileException(path, "corrupt FLAC: STREAMINFO says " + bits + " bits per sample");
        }
    }

    private static byte[] readFully(InputStream in, int n, Path path, String reasonIfShort) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new AudioFileException(path, b.length == 0 && reasonIfShort.startsWith("shorter") ? "empty file"
                    : reasonIfShort);
        }
        return b;
    }

    private static void skip(InputStream in, long n, Path path) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new AudioFileException(path, "truncated: a metadata block runs past the end of the file");
        }
    }
}
