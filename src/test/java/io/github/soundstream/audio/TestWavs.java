package io.github.soundstream.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** An independent WAV encoder for tests (any tag, bit depth, channel count; optional EXTENSIBLE header). */
final class TestWavs {
    private TestWavs() {
    }

    static byte[] encode(int formatTag, int bits, int rate, double[][] channels, boolean extensible, long dataSizeField) {
        int nch = channels.length;
        int frames = channels[0].length;
        int bps = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * nch * bps).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (double[] ch : channels) {
                double v = ch[i];
                if (formatTag == 3) {
                    if (bits == 32) {
                        data.putFloat((float) v);
                    } else {
                        data.putDouble(v);
                    }
                } else if (bits == 8) {
                    data.put((byte) (Math.max(-128, Math.min(127, Math.round(v * 128))) + 128));
                } else {
                    long full = 1L << (bits - 1);
                    long q = Math.max(-full, Math.min(full - 1, Math.round(v * full)));
                    for (int b = 0; b < bps; b++) {
                        data.put((byte) (q >> (8 * b)));
                    }
                }
            }
        }
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer h = ByteBuffer.allocate(20 + fmtSize + 8 + 12).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(4 + 8 + fmtSize + 12 + 8 + data.capacity()).put("WAVE".getBytes());
        // an unrelated chunk before fmt, as some recorders write
        h.put("LIST".getBytes()).putInt(4).put("INFO".getBytes());
        h.put("fmt ".getBytes()).putInt(fmtSize);
        h.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) nch).putInt(rate)
                .putInt(rate * nch * bps).putShort((short) (nch * bps)).putShort((short) bits);
        if (extensible) {
            h.putShort((short) 22).putShort((short) bits).putInt(0);
            h.putShort((short) formatTag).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0,
                    0x38, (byte) 0x9B, 0x71});
        }
        h.put("data".getBytes()).putInt((int) dataSizeField);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    static Path write(Path path, int formatTag, int bits, int rate, double[][] channels, boolean extensible)
            throws IOException {
        int bytes = channels.length * channels[0].length * bits / 8;
        Files.write(path, encode(formatTag, bits, rate, channels, extensible, bytes));
        return path;
    }

    static double[] sine(double freq, double amplitude, int rate, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / rate);
        }
        return x;
    }

    /** Reads every frame, de-interleaved as [channel][frame]. */
    static float[][] readAll(AudioStream s) throws IOException {
        int ch = s.info().channels();
        float[] buf = new float[1000 * ch];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int total = 0;
        int n;
        float[] all = new float[0];
        while ((n = s.read(buf, 1000)) >= 0) {
            float[] grown = new float[all.length + n * ch];
            System.arraycopy(all, 0, grown, 0, all.length);
            System.arraycopy(buf, 0, grown, all.length, n * ch);
            all = grown;
            total += n;
        }
        raw.close();
        float[][] out = new float[ch][total];
        for (int i = 0; i < total; i++) {
            for (int c = 0; c < ch; c++) {
                out[c][i] = all[i * ch + c];
            }
        }
        return out;
    }
}
