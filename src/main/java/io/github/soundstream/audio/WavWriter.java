package io.github.soundstream.audio;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes WAV files (16-bit PCM or 32-bit float) through an {@link AtomicFileChannel}: nothing appears under the
 * target name until {@link #commit()}, and {@link #close()} without a commit leaves no trace.
 */
public final class WavWriter implements Closeable {
    private static final int HEADER_BYTES = 44;

    private final AtomicFileChannel file;
    private final WavFormat format;
    private final int sampleRate;
    private final int channels;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;

    public WavWriter(Path target, int sampleRate, int channels, WavFormat format) throws IOException {
        this.format = format;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.file = new AtomicFileChannel(target);
        file.write(ByteBuffer.wrap(header(0)));
    }

    /** Appends interleaved frames. */
    public void write(float[] interleaved, int offset, int frameCount) throws IOException {
        int samples = frameCount * channels;
        for (int i = 0; i < samples; i++) {
            if (buffer.remaining() < 4) {
                flushBuffer();
            }
            putSample(buffer, interleaved[offset + i]);
        }
        frames += frameCount;
    }

    /** Finishes the header, syncs to disk and moves the file into place. */
    public void commit() throws IOException {
        flushBuffer();
        file.writeAt(ByteBuffer.wrap(header(frames)), 0);
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Writes a whole mono signal to {@code target} atomically. */
    public static void write(Path target, float[] mono, int sampleRate, WavFormat format) throws IOException {
        try (WavWriter w = new WavWriter(target, sampleRate, 1, format)) {
            w.write(mono, 0, mono.length);
            w.commit();
        }
    }

    /** A complete mono WAV file in memory (for TensorBoard audio summaries and tests). */
    public static byte[] encode(float[] mono, int sampleRate, WavFormat format) {
        ByteBuffer body = ByteBuffer.allocate(mono.length * format.bytesPerSample()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mono) {
            putSample(body, v, format);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_BYTES + body.capacity());
        out.writeBytes(header(mono.length, sampleRate, 1, format));
        out.writeBytes(body.array());
        return out.toByteArray();
    }

    /** Writes a complete mono WAV to a stream that cannot seek (stdout). */
    public static void write(OutputStream out, float[] mono, int sampleRate, WavFormat format) throws IOException {
        out.write(encode(mono, sampleRate, format));
        out.flush();
    }

    private void putSample(ByteBuffer b, float v) {
        putSample(b, v, format);
    }

    private static void putSample(ByteBuffer b, float v, WavFormat format) {
        if (format == WavFormat.FLOAT_32) {
            b.putFloat(v);
        } else {
            long q = Math.round(v * 32768.0);
            b.putShort((short) Math.max(-32768, Math.min(32767, q)));
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        file.write(buffer);
        buffer.clear();
    }

    private byte[] header(long frameCount) {
        return header(frameCount, sampleRate, channels, format);
    }

    private static byte[] header(long frameCount, int sampleRate, int channels, WavFormat format) {
        long dataBytes = frameCount * channels * format.bytesPerSample();
        if (dataBytes + HEADER_BYTES - 8 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("WAV data over 4 GiB: " + dataBytes + " bytes");
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (dataBytes + HEADER_BYTES - 8));
        h.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
        int blockAlign = channels * format.bytesPerSample();
        h.putShort((short) format.formatTag).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) format.bits);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        return h.array();
    }
}
