package io.github.soundstream.audio;

import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG-1/2/2.5 Layer I–III through JLayer. MP3 headers do not state the length, so the frame count is unknown
 * until the stream has been decoded; the encoder's priming delay (about 1,100 samples for LAME) is kept.
 */
final class Mp3Reader extends BlockDecodingStream {
    private final InputStream in;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private final AudioInfo info;
    private Header nextHeader;

    Mp3Reader(InputStream in, Path path) throws IOException {
        super(path);
        this.in = in;
        this.bitstream = new Bitstream(in);
        try {
            nextHeader = bitstream.readFrame();
        } catch (BitstreamException | RuntimeException e) {
            throw fail("not an MP3 file or damaged header (" + Reasons.of(e) + ")", e);
        }
        if (nextHeader == null) {
            throw fail("not an MP3 file: no MPEG audio frame found");
        }
        int channels = nextHeader.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
        String codec = nextHeader.version_string() + " Layer " + nextHeader.layer_string();
        this.info = new AudioInfo(path, "MP3", codec, nextHeader.frequency(), channels, AudioInfo.UNKNOWN_LENGTH);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    protected int decodeNextBlock() throws IOException {
        Header header = nextHeader;
        if (header == null) {
            return -1;
        }
        try {
            if (header.frequency() != info.sampleRate()) {
                throw fail("corrupt MP3: sample rate changes from " + info.sampleRate() + " to "
                        + header.frequency() + " Hz near frame " + framesDelivered);
            }
            SampleBuffer decoded = (SampleBuffer) decoder.decodeFrame(header, bitstream);
            bitstream.closeFrame();
            short[] pcm = decoded.getBuffer();
            int n = decoded.getBufferLength();
            int channels = decoded.getChannelCount();
            if (channels != info.channels()) {
                throw fail("corrupt MP3: channel count changes near frame " + framesDelivered);
            }
            float[] out = blockBuffer(n);
            for (int i = 0; i < n; i++) {
                out[i] = pcm[i] / 32768f;
            }
            nextHeader = bitstream.readFrame();
            return n;
        } catch (BitstreamException | DecoderException | ArrayIndexOutOfBoundsException e) {
            throw fail("corrupt MP3 near frame " + framesDelivered + ": " + Reasons.of(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            bitstream.close();
        } catch (BitstreamException e) {
            in.close();
        }
    }
}
