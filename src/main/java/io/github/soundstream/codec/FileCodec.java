package io.github.soundstream.codec;

import io.github.soundstream.audio.AtomicFileChannel;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.AudioInfo;
import io.github.soundstream.audio.MonoStream;
import io.github.soundstream.audio.StreamingResampler;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Files and streams through a {@link SoundStreamCodec}, a second of audio at a time, so an hour-long recording is
 * never held whole. Outputs go through a temporary file and appear under their name only when complete.
 */
public final class FileCodec {
    private final SoundStreamCodec codec;
    /** Frames per model call: about one second, whatever the model's rate and hop. */
    private final int chunkFrames;
    /** Samples read from the input per step: the same second. */
    private final int readSamples;

    public FileCodec(SoundStreamCodec codec) {
        this.codec = codec;
        this.chunkFrames = (int) Math.max(1, Math.round(codec.config().frameRate()));
        this.readSamples = chunkFrames * codec.config().hopLength();
    }

    /** What an encode produced. */
    public record EncodeResult(long samples, long frames, long bytes, double seconds) {
        /** Achieved bitrate of the bytes written, header and packet framing included. */
        public double bitsPerSecond() {
            return bytes * 8 / seconds;
        }
    }

    /** Encodes an audio file to an {@code .ssc} file. */
    public EncodeResult encode(Path input, Path output, int quantizers) throws IOException {
        try (MonoStream audio = AudioFiles.openMono(input, codec.config().sampleRate())) {
            return encode(audio, output, quantizers);
        }
    }

    /** Encodes audio from a stream (stdin) to an {@code .ssc} file, which appears only when complete. */
    public EncodeResult encode(InputStream input, Path output, int quantizers) throws IOException {
        try (MonoStream audio = new MonoStream(AudioFiles.open(input, null), codec.config().sampleRate())) {
            return encode(audio, output, quantizers);
        }
    }

    private EncodeResult encode(MonoStream audio, Path output, int quantizers) throws IOException {
        try (AtomicFileChannel file = new AtomicFileChannel(output)) {
            long length = audio.expectedLength();
            StreamHeader header = codec.header(quantizers, length >= 0 ? length : StreamHeader.UNKNOWN_LENGTH);
            EncodeResult r;
            try (OutputStream out = new BufferedOutputStream(channelStream(file), 1 << 16)) {
                r = encode(audio, out, header);
            }
            if (!header.lengthKnown()) {
                file.writeAt(ByteBuffer.wrap(header.withLength(r.samples()).encode()), 0);
            }
            file.commit();
            return r;
        }
    }

    /** Encodes audio from a stream (stdin) to a stream (stdout); the header's length stays "unknown". */
    public EncodeResult encode(InputStream input, OutputStream output, int quantizers) throws IOException {
        try (MonoStream audio = new MonoStream(AudioFiles.open(input, null), codec.config().sampleRate())) {
            return encode(audio, output, codec.header(quantizers, audio.expectedLength() >= 0
                    ? audio.expectedLength() : StreamHeader.UNKNOWN_LENGTH));
        }
    }

    /** A complete bitstream held in memory, and what its encode read and produced. */
    public record EncodedBytes(EncodeResult result, AudioInfo source, byte[] bitstream) {
    }

    /**
     * Encodes audio read from {@code input} ({@code label} names it in errors) to a complete bitstream in memory,
     * its header's length filled in, and hands each packet's codes ({@code [frame][layer]}) to {@code codes} on the
     * way. For outputs that are not local files (a Hadoop file system); at 6 kbit/s an hour takes 2.7 MB.
     */
    public EncodedBytes encodeToBytes(InputStream input, Path label, int quantizers, Consumer<int[][]> codes)
            throws IOException {
        try (MonoStream audio = new MonoStream(AudioFiles.open(input, label), codec.config().sampleRate())) {
            long length = audio.expectedLength();
            StreamHeader header = codec.header(quantizers, length >= 0 ? length : StreamHeader.UNKNOWN_LENGTH);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            EncodeResult r = encode(audio, bytes, header, codes);
            byte[] bitstream = bytes.toByteArray();
            if (!header.lengthKnown()) {
                byte[] fixed = header.withLength(r.samples()).encode();
                System.arraycopy(fixed, 0, bitstream, 0, fixed.length);
            }
            return new EncodedBytes(r, audio.sourceInfo(), bitstream);
        }
    }

    private EncodeResult encode(MonoStream audio, OutputStream out, StreamHeader header) throws IOException {
        return encode(audio, out, header, frames -> { });
    }

    private EncodeResult encode(MonoStream audio, OutputStream out, StreamHeader header, Consumer<int[][]> codes)
            throws IOException {
        BitstreamWriter writer = new BitstreamWriter(out, header);
        try (StreamingEncoder encoder = codec.encoder(header.quantizers(), chunkFrames)) {
            float[] buf = new float[readSamples];
            int n;
            while ((n = audio.read(buf, 0, buf.length)) >= 0) {
                int[][] frames = encoder.push(buf, 0, n);
                codes.accept(frames);
                writer.write(frames);
            }
            int[][] last = encoder.finish();
            codes.accept(last);
            writer.write(last);
            writer.finish();
            long samples = encoder.samplesIn();
            return new EncodeResult(samples, writer.framesWritten(), writer.bytesWritten(),
                    samples / (double) codec.config().sampleRate());
        }
    }

    /** Decodes an {@code .ssc} file to a WAV file at {@code sampleRate} (null: the model's rate). */
    public long decode(Path input, Path output, Integer sampleRate, boolean ignoreFingerprint) throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            return decodeToFile(in, output, sampleRate, ignoreFingerprint);
        }
    }

    /** Decodes a bitstream from a stream (stdin) to a WAV file, which appears only when complete. */
    public long decodeToFile(InputStream input, Path output, Integer sampleRate, boolean ignoreFingerprint)
            throws IOException {
        BitstreamReader reader = new BitstreamReader(new BufferedInputStream(input, 1 << 16));
        int rate = sampleRate != null ? sampleRate : codec.config().sampleRate();
        try (WavWriter wav = new WavWriter(output, rate, 1, WavFormat.PCM_16)) {
            long n = decode(reader, rate, ignoreFingerprint, (s, off, len) -> wav.write(s, off, len));
            wav.commit();
            return n;
        }
    }

    /** Decodes a bitstream from a stream to a complete WAV on a stream (held in memory: stdout cannot seek). */
    public long decode(InputStream input, OutputStream output, Integer sampleRate, boolean ignoreFingerprint)
            throws IOException {
        BitstreamReader reader = new BitstreamReader(new BufferedInputStream(input, 1 << 16));
        int rate = sampleRate != null ? sampleRate : codec.config().sampleRate();
        float[][] all = {new float[0]};
        int[] size = {0};
        long n = decode(reader, rate, ignoreFingerprint, (s, off, len) -> {
            if (size[0] + len > all[0].length) {
                all[0] = java.util.Arrays.copyOf(all[0], Math.max(all[0].length * 2, size[0] + len));
            }
            System.arraycopy(s, off, all[0], size[0], len);
            size[0] += len;
        });
        WavWriter.write(output, java.util.Arrays.copyOf(all[0], size[0]), rate, WavFormat.PCM_16);
        return n;
    }

    /** Receives decoded samples. */
    @FunctionalInterface
    interface SampleSink {
        void accept(float[] samples, int offset, int length) throws IOException;
    }

    private long decode(BitstreamReader reader, int rate, boolean ignoreFingerprint, SampleSink sink)
            throws IOException {
        StreamHeader h = reader.header();
        checkCompatible(h, ignoreFingerprint);
        StreamingResampler resampler = new StreamingResampler(h.sampleRate(), rate);
        long remaining = h.lengthKnown() ? h.length() : Long.MAX_VALUE;
        long[] written = {0};
        IOException[] failure = {null};
        StreamingResampler.Sink out = (s, off, len) -> {
            try {
                sink.accept(s, off, len);
                written[0] += len;
            } catch (IOException e) {
                failure[0] = e;
            }
        };
        try (StreamingDecoder decoder = codec.decoder(chunkFrames)) {
            int[][] packet;
            while ((packet = reader.nextPacket()) != null && remaining > 0) {
                float[] audio = decoder.push(packet);
                int keep = (int) Math.min(audio.length, remaining);
                remaining -= keep;
                resampler.process(audio, 0, keep, out);
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
            while (packet != null) {
                packet = reader.nextPacket(); // trailing packets past the stated length are still CRC-checked
            }
        }
        resampler.finish(out);
        if (failure[0] != null) {
            throw failure[0];
        }
        return written[0];
    }

    private void checkCompatible(StreamHeader h, boolean ignoreFingerprint) throws BitstreamException {
        var c = codec.config();
        if (h.sampleRate() != c.sampleRate() || h.hopLength() != c.hopLength() || h.bitsPerCode() != c.bitsPerCode()
                || h.quantizers() > c.numQuantizers()) {
            throw new BitstreamException("made for another model (" + h.sampleRate() + " Hz, hop " + h.hopLength()
                    + ", " + h.quantizers() + " x " + h.bitsPerCode() + "-bit codes); this checkpoint has "
                    + c.sampleRate() + " Hz, hop " + c.hopLength() + ", " + c.numQuantizers() + " x "
                    + c.bitsPerCode() + "-bit codes");
        }
        if (!ignoreFingerprint && h.fingerprint() != codec.fingerprint()) {
            throw new BitstreamException("made with model " + ModelFingerprint.hex(h.fingerprint())
                    + ", not this checkpoint's " + ModelFingerprint.hex(codec.fingerprint())
                    + " (--force decodes anyway)");
        }
    }

    /** Encodes and decodes in one go (EnCodec's {@code encodec in.wav out.wav}); returns the bytes a file would take. */
    public EncodeResult roundTrip(Path input, Path output, int quantizers) throws IOException {
        try (MonoStream audio = AudioFiles.openMono(input, codec.config().sampleRate());
                WavWriter wav = new WavWriter(output, codec.config().sampleRate(), 1, WavFormat.PCM_16);
                StreamingEncoder encoder = codec.encoder(quantizers, chunkFrames);
                StreamingDecoder decoder = codec.decoder(chunkFrames)) {
            StreamHeader header = codec.header(quantizers, StreamHeader.UNKNOWN_LENGTH);
            CountingStream counter = new CountingStream();
            BitstreamWriter writer = new BitstreamWriter(counter, header);
            float[] buf = new float[readSamples];
            int n;
            long decoded = 0;
            while ((n = audio.read(buf, 0, buf.length)) >= 0) {
                int[][] codes = encoder.push(buf, 0, n);
                writer.write(codes);
                float[] y = decoder.push(codes);
                wav.write(y, 0, y.length);
                decoded += y.length;
            }
            int[][] codes = encoder.finish();
            writer.write(codes);
            writer.finish();
            float[] y = decoder.push(codes);
            long keep = encoder.samplesIn() - decoded;
            wav.write(y, 0, (int) Math.max(0, Math.min(y.length, keep)));
            wav.commit();
            long samples = encoder.samplesIn();
            return new EncodeResult(samples, writer.framesWritten(), counter.count,
                    samples / (double) codec.config().sampleRate());
        }
    }

    private static OutputStream channelStream(AtomicFileChannel file) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                file.write(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                file.write(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
