package io.github.soundstream.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Ogg Vorbis through JOrbis. Strict where JOrbis is lenient: a hole in the page sequence or a file that stops
 * before its end-of-stream page is an error, not a gap. Only the first logical stream of a chained file is read.
 */
final class OggVorbisReader extends BlockDecodingStream {
    private static final int READ_SIZE = 8192;

    private final InputStream in;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Info vorbisInfo = new Info();
    private final Comment comment = new Comment();
    private final DspState dsp = new DspState();
    private final Block block = new Block(dsp);
    private final AudioInfo info;
    private final float[][][] pcmHolder = new float[1][][];
    private final int[] pcmIndex;
    private final int serial;
    private boolean endOfStreamPage;
    /** Granule position (total frames) stated by the end-of-stream page: the last packet is trimmed to it. */
    private long finalGranule = -1;
    private long framesDecoded;

    OggVorbisReader(InputStream in, Path path) throws IOException {
        super(path);
        this.in = in;
        sync.init();
        vorbisInfo.init();
        comment.init();
        if (!nextPage()) {
            throw fail("not an Ogg file: no Ogg page found");
        }
        serial = page.serialno();
        stream.init(serial);
        if (stream.pagein(page) < 0 || stream.packetout(packet) != 1) {
            throw fail("corrupt Ogg: unreadable first page");
        }
        if (vorbisInfo.synthesis_headerin(comment, packet) < 0) {
            throw fail(isOpus(packet) ? "unsupported: Ogg Opus (only Ogg Vorbis is read)"
                    : "unsupported: the Ogg stream is not Vorbis");
        }
        for (int headers = 1; headers < 3; ) {
            int r = stream.packetout(packet);
            if (r == 1) {
                if (vorbisInfo.synthesis_headerin(comment, packet) < 0) {
                    throw fail("corrupt Ogg Vorbis: bad header packet " + (headers + 1));
                }
                headers++;
            } else if (r < 0) {
                throw fail("corrupt Ogg Vorbis: damaged header pages");
            } else if (nextPage()) {
                stream.pagein(page);
            } else {
                throw fail("truncated: the file ends inside the Vorbis headers");
            }
        }
        if (vorbisInfo.channels <= 0 || vorbisInfo.rate <= 0) {
            throw fail("corrupt Ogg Vorbis: " + vorbisInfo.rate + " Hz, " + vorbisInfo.channels + " channels");
        }
        dsp.synthesis_init(vorbisInfo);
        block.init(dsp);
        pcmIndex = new int[vorbisInfo.channels];
        info = new AudioInfo(path, "Ogg", "Vorbis", vorbisInfo.rate, vorbisInfo.channels, AudioInfo.UNKNOWN_LENGTH);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    protected int decodeNextBlock() throws IOException {
        try {
            while (true) {
                int frames = dsp.synthesis_pcmout(pcmHolder, pcmIndex);
                if (frames > 0) {
                    int keep = finalGranule >= 0 ? (int) Math.max(0, Math.min(frames, finalGranule - framesDecoded))
                            : frames;
                    if (keep == 0) {
                        dsp.synthesis_read(frames);
                        continue;
                    }
                    return interleave(keep, frames);
                }
                int r = stream.packetout(packet);
                if (r == 1) {
                    if (block.synthesis(packet) == 0) {
                        dsp.synthesis_blockin(block);
                    }
                } else if (r < 0) {
                    throw fail("corrupt Ogg Vorbis: missing or damaged packet near frame " + framesDelivered);
                } else if (endOfStreamPage) {
                    return -1;
                } else if (nextPage()) {
                    if (page.serialno() == serial) {
                        stream.pagein(page);
                        endOfStreamPage = page.eos() != 0;
                        if (endOfStreamPage) {
                            finalGranule = page.granulepos();
                        }
                    }
                } else {
                    throw fail("truncated: the Ogg stream ends without its end-of-stream page (after "
                            + framesDelivered + " frames)");
                }
            }
        } catch (RuntimeException e) {
            throw fail("corrupt Ogg Vorbis near frame " + framesDelivered + ": " + e, e);
        }
    }

    private int interleave(int frames, int available) {
        int channels = info.channels();
        float[] out = blockBuffer(frames * channels);
        float[][] pcm = pcmHolder[0];
        for (int c = 0; c < channels; c++) {
            float[] ch = pcm[c];
            int start = pcmIndex[c];
            for (int i = 0; i < frames; i++) {
                float v = ch[start + i];
                out[i * channels + c] = v > 1f ? 1f : Math.max(v, -1f);
            }
        }
        dsp.synthesis_read(available);
        framesDecoded += frames;
        return frames * channels;
    }

    /** Next page of the physical stream; false at the end of the input. A resynchronisation is corruption. */
    private boolean nextPage() throws IOException {
        while (true) {
            int r = sync.pageout(page);
            if (r == 1) {
                return true;
            }
            if (r < 0) {
                throw fail("corrupt Ogg: lost page sync near frame " + framesDelivered);
            }
            int index = sync.buffer(READ_SIZE);
            int n = in.read(sync.data, index, READ_SIZE);
            if (n <= 0) {
                return false;
            }
            sync.wrote(n);
        }
    }

    private static boolean isOpus(Packet p) {
        return p.bytes >= 8 && new String(p.packet_base, p.packet, 8, StandardCharsets.US_ASCII).equals("OpusHead");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
