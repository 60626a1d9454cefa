package io.github.soundstream.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@code .ssc} stream: the header, then frames gathered into packets. Works on any output stream
 * (stdout too); a file writer can complete an unknown length afterwards with {@link StreamHeader#withLength}.
 */
public final class BitstreamWriter {
    private final OutputStream out;
    private final StreamHeader header;
    private final int framesPerPacket;
    private final int version;
    private final List<int[]> pending = new ArrayList<>();
    private long framesWritten;
    private long bytesWritten;

    public BitstreamWriter(OutputStream out, StreamHeader header) throws IOException {
        this(out, header, Packets.DEFAULT_FRAMES);
    }

    public BitstreamWriter(OutputStream out, StreamHeader header, int framesPerPacket) throws IOException {
        this(out, header, framesPerPacket, StreamHeader.VERSION);
    }

    /** Writes an older {@code version} of the format (tests check that readers still accept it). */
    BitstreamWriter(OutputStream out, StreamHeader header, int framesPerPacket, int version) throws IOException {
        if (framesPerPacket < 1 || framesPerPacket > 0xFFFF) {
            throw new IllegalArgumentException("frames per packet must be 1..65535");
        }
        this.out = out;
        this.header = header;
        this.framesPerPacket = framesPerPacket;
        this.version = version;
        byte[] h = header.encode(version);
        out.write(h);
        bytesWritten = h.length;
    }

    /** Adds frames of codes ({@code [frame][layer]}, values below 2^bits). */
    public void write(int[][] frames) throws IOException {
        int limit = 1 << header.bitsPerCode();
        for (int[] frame : frames) {
            if (frame.length != header.quantizers()) {
                throw new IllegalArgumentException("frame has " + frame.length + " codes, header says "
                        + header.quantizers());
            }
            for (int c : frame) {
                if (c < 0 || c >= limit) {
                    throw new IllegalArgumentException("code " + c + " does not fit " + header.bitsPerCode() + " bits");
                }
            }
            pending.add(frame);
            if (pending.size() == framesPerPacket) {
                flushPacket();
            }
        }
    }

    /** Writes the last partial packet and flushes; does not close the stream. */
    public void finish() throws IOException {
        if (!pending.isEmpty()) {
            flushPacket();
        }
        out.flush();
    }

    public long framesWritten() {
        return framesWritten;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    private void flushPacket() throws IOException {
        int[][] frames = pending.toArray(new int[0][]);
        byte[] payload = BitPacker.pack(frames, header.quantizers(), header.bitsPerCode());
        byte[] packet = new byte[2 + payload.length + Packets.checkBytes(version)];
        packet[0] = (byte) frames.length;
        packet[1] = (byte) (frames.length >>> 8);
        System.arraycopy(payload, 0, packet, 2, payload.length);
        Packets.putCheck(version, packet, 2 + payload.length, Packets.check(version, packet, 2 + payload.length));
        out.write(packet);
        bytesWritten += packet.length;
        framesWritten += frames.length;
        pending.clear();
    }
}
