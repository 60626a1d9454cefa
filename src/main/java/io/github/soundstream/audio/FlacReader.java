package io.github.soundstream.audio;

import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jflac. jflac quietly zeroes a frame whose CRC fails and skips frames it cannot parse; both are
 * turned into errors here, so a damaged file is reported instead of decoded with silent gaps.
 */
final class FlacReader extends BlockDecodingStream {
    private final InputStream in;
    private final FLACDecoder decoder;
    private final AudioInfo info;
    private final float scale;
    private String decoderError;
    private long framesDecoded;

    FlacReader(InputStream in, Path path) throws IOException {
        super(path);
        this.in = in;
        this.decoder = new FLACDecoder(FlacMetadata.streamInfoOnly(in, path));
        decoder.addFrameListener(new FrameListener() {
            @Override
            public void processMetadata(Metadata metadata) {
            }

            @Override
            public void processFrame(Frame frame) {
            }

            @Override
            public void processError(String msg) {
                if (decoderError == null) {
                    decoderError = msg;
                }
            }
        });
        StreamInfo streamInfo;
        try {
            decoder.readMetadata();
            streamInfo = decoder.getStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw fail("not a FLAC file or damaged header (" + Reasons.of(e) + ")", e);
        }
        if (streamInfo == null) {
            throw fail("corrupt FLAC: no STREAMINFO block");
        }
        int bits = streamInfo.getBitsPerSample();
        this.scale = 1f / (1L << (bits - 1));
        long total = streamInfo.getTotalSamples();
        if (streamInfo.getSampleRate() <= 0 || streamInfo.getChannels() <= 0) {
            throw fail("corrupt FLAC: STREAMINFO says " + streamInfo.getSampleRate() + " Hz, "
                    + streamInfo.getChannels() + " channels");
        }
        this.info = new AudioInfo(path, "FLAC", "FLAC " + bits + "-bit", streamInfo.getSampleRate(),
                streamInfo.getChannels(), total > 0 ? total : AudioInfo.UNKNOWN_LENGTH);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    protected int decodeNextBlock() throws IOException {
        if (info.lengthKnown() && framesDecoded >= info.frames()) {
            // jflac stops syncing once STREAMINFO's total is reached, and then loops on whatever follows
            return -1;
        }
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            throw fail("corrupt FLAC at frame " + framesDelivered + ": " + Reasons.of(e), e);
        }
        if (decoderError != null || decoder.getBadFrames() > 0) {
            throw fail("corrupt FLAC near frame " + framesDelivered + ": "
                    + (decoderError != null ? decoderError : "undecodable frame"));
        }
        if (frame == null) {
            return -1;
        }
        int channels = frame.header.channels;
        if (channels != info.channels()) {
            throw fail("corrupt FLAC: frame with " + channels + " channels in a " + info.channels() + "-channel stream");
        }
        int block = frame.header.blockSize;
        framesDecoded += block;
        float[] out = blockBuffer(block * channels);
        ChannelData[] data = decoder.getChannelData();
        for (int c = 0; c < channels; c++) {
            int[] samples = data[c].getOutput();
            for (int i = 0; i < block; i++) {
                out[i * channels + c] = samples[i] * scale;
            }
        }
        return block * channels;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
