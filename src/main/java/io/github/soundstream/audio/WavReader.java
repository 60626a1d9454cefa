package io.github.soundstream.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RIFF/WAVE (and RF64) reader: PCM 8/16/24/32-bit, IEEE float 32/64-bit, WAVE_FORMAT_EXTENSIBLE, any channel count.
 * Works on any {@link InputStream}, so standard input can be read too; a data size of 0xFFFFFFFF (written by
 * programs that stream WAV without seeking back) means "until the end of the stream".
 */
public final class WavReader implements AudioStream {
    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long STREAMING_SIZE = 0xFFFFFFFFL;

    private final InputStream in;
    private final Path path;
    private final AudioInfo info;
    private final SampleDecoder decoder;
    private final int blockAlign;
    private final boolean untilEof;
    private long bytesLeft;
    private long framesRead;
    private byte[] buffer = new byte[0];

    private WavReader(InputStream in, Path path) throws IOException {
        this.in = in;
        this.path = path;
        byte[] riff = readExactly(12, "not a WAV file: shorter than a RIFF header");
        String magic = ascii(riff, 0);
        boolean rf64 = magic.equals("RF64");
        if (!magic.equals("RIFF") && !rf64 || !ascii(riff, 8).equals("WAVE")) {
            throw fail("not a WAV file: no RIFF/WAVE header");
        }
        long rf64DataSize = -1;
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int align = 0;
        int bits = 0;
        while (true) {
            byte[] header = readExactlyOrNull(8);
            if (header == null) {
                throw fail(formatTag < 0 ? "corrupt WAV: no fmt chunk" : "corrupt WAV: no data chunk");
            }
            String id = ascii(header, 0);
            long size = le32(header, 4) & 0xFFFFFFFFL;
            if (id.equals("ds64") && rf64) {
                byte[] ds64 = readExactly(checkedChunkSize(size, 1 << 16), "truncated: ds64 chunk cut short");
                rf64DataSize = le64(ds64, 8);
                skipPad(size);
            } else if (id.equals("fmt ")) {
                if (size < 16) {
                    throw fail("corrupt WAV: fmt chunk of " + size + " bytes");
                }
                byte[] fmt = readExactly(checkedChunkSize(size, 1 << 16), "truncated: fmt chunk cut short");
                formatTag = le16(fmt, 0);
                channels = le16(fmt, 2);
                sampleRate = le32(fmt, 4);
                align = le16(fmt, 12);
                bits = le16(fmt, 14);
                if (formatTag == FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw fail("corrupt WAV: WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes");
                    }
                    formatTag = le16(fmt, 24); // first two bytes of the sub-format GUID
                }
                skipPad(size);
            } else if (id.equals("data")) {
                if (formatTag < 0) {
                    throw fail("corrupt WAV: data chunk before fmt chunk");
                }
                if (rf64 && size == STREAMING_SIZE && rf64DataSize >= 0) {
                    size = rf64DataSize;
                }
                // Streaming writers (arecord, sox to a pipe) put 0xFFFFFFFF or a near-2 GiB placeholder here; on an
                // anonymous stream such a size means "until the end", on a file it is taken at its word.
                this.untilEof = size == STREAMING_SIZE || path == null && size >= 0x7FFF0000L;
                this.bytesLeft = untilEof ? Long.MAX_VALUE : size;
                break;
            } else {
                skipFully(size + (size & 1));
            }
        }
        if (channels <= 0) {
            throw fail("corrupt WAV: " + channels + " channels");
        }
        if (sampleRate <= 0) {
            throw fail("corrupt WAV: sample rate " + sampleRate);
        }
        this.decoder = SampleDecoder.forWav(formatTag, bits);
        if (decoder == null) {
            throw fail("unsupported WAV encoding: " + describeUnsupported(formatTag, bits));
        }
        int expectedAlign = channels * decoder.bytesPerSample();
        if (align != expectedAlign) {
            // Some writers get block align wrong; the sample layout is what counts.
            align = expectedAlign;
        }
        this.blockAlign = align;
        long frames = untilEof ? AudioInfo.UNKNOWN_LENGTH : bytesLeft / blockAlign;
        if (frames == 0) {
            throw fail("empty: the data chunk holds no audio frames");
        }
        this.info = new AudioInfo(path, "WAV", decoder.description(), sampleRate, channels, frames);
    }

    public static WavReader open(Path path) throws IOException {
        InputStream in = FileOpening.open(path);
        try {
            return new WavReader(new BufferedInputStream(in, 1 << 16), path);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads WAV from a stream (stdin); {@code label} names it in errors and may be {@code null}. */
    public static WavReader open(InputStream in, Path label) throws IOException {
        return new WavReader(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16), label);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public int read(float[] interleaved, int maxFrames) throws IOException {
        if (bytesLeft == 0 || maxFrames <= 0) {
            return bytesLeft == 0 ? -1 : 0;
        }
        long wantBytes = Math.min(Math.min((long) maxFrames, interleaved.length / info.channels()) * blockAlign,
                bytesLeft);
        if (wantBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("read of " + maxFrames + " frames of " + blockAlign + " bytes");
        }
        int want = (int) wantBytes;
        if (buffer.length < want) {
            buffer = new byte[want];
        }
        int got = in.readNBytes(buffer, 0, want);
        if (got < want) {
            if (!untilEof) {
                long framesPresent = info.frames() - (bytesLeft - got) / blockAlign;
                throw fail("truncated: " + framesPresent + " of " + info.frames() + " frames present");
            }
            bytesLeft = 0;
            if (got % blockAlign != 0) {
                throw fail("truncated: the stream ends inside a frame");
            }
            if (got == 0) {
                return -1;
            }
        } else if (!untilEof) {
            bytesLeft -= got;
        }
        int frames = got / blockAlign;
        int samples = frames * info.channels();
        decoder.decode(buffer, 0, samples, interleaved, 0);
        if (decoder.isFloat()) {
            for (int i = 0; i < samples; i++) {
                if (!Float.isFinite(interleaved[i])) {
                    long frame = framesRead + i / info.channels();
                    throw fail("corrupt: non-finite sample (" + interleaved[i] + ") at frame " + frame);
                }
            }
        }
        framesRead += frames;
        return frames;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private AudioFileException fail(String reason) {
        return new AudioFileException(path, reason);
    }

    private byte[] readExactly(int n, String reasonIfShort) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw fail(b.length == 0 && n == 12 ? "empty file" : reasonIfShort);
        }
        return b;
    }

    private byte[] readExactlyOrNull(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return b.length < n ? null : b;
    }

    private int checkedChunkSize(long size, int max) throws AudioFileException {
        if (size > max) {
            throw fail("corrupt WAV: implausible chunk size " + size);
        }
        return (int) size;
    }

    private void skipPad(long size) throws IOException {
        if ((size & 1) == 1) {
            skipFully(1);
        }
    }

    private void skipFully(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw fail("truncated: a chunk runs past the end of the file");
        }
    }

    private static String describeUnsupported(int tag, int bits) {
        String name = switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0050, 0x0055 -> "MPEG audio in WAV";
            case FORMAT_PCM -> "PCM";
            case FORMAT_FLOAT -> "IEEE float";
            default -> "format tag 0x" + String.format("%04X", tag);
        };
        return name + " " + bits + "-bit";
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static int le16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long le64(byte[] b, int off) {
        return (le32(b, off) & 0xFFFFFFFFL) | ((long) le32(b, off + 4)) << 32;
    }

    /** Reads nothing: only checks the path names a readable regular file, for a clear error before decoding. */
    static void checkReadable(Path path) throws AudioFileException {
        if (!Files.exists(path)) {
            throw new AudioFileException(path, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new AudioFileException(path, "is a directory");
        }
        if (!Files.isReadable(path)) {
            throw new AudioFileException(path, "cannot read: permission denied");
        }
    }
}
