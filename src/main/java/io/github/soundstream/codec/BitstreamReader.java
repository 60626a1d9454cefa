package io.github.soundstream.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an {@code .ssc} stream packet by packet. Every packet's CRC is checked; a damaged, truncated or missing
 * packet raises a {@link BitstreamException} naming the first bad packet and its byte offset, before any of its
 * frames are handed out — never garbage audio.
 */
public final class BitstreamReader {
    private final InputStream in;
    private final StreamHeader header;
    private final int version;
    private long offset = StreamHeader.SIZE;
    private int packetIndex;
    private long frames;
    private boolean ended;

    public BitstreamReader(InputStream in) throws IOException {
        this.in = in;
        byte[] head = in.readNBytes(StreamHeader.SIZE);
        this.header = StreamHeader.decode(head);
        this.version = head[3];
    }

    public StreamHeader header() {
        return header;
    }

    /** The next packet's frames ({@code [frame][layer]}), or null at the end of the stream. */
    public int[][] nextPacket() throws IOException {
        if (ended) {
            return null;
        }
        byte[] count = in.readNBytes(2);
        if (count.length == 0) {
            ended = true;
            checkLength();
            return null;
        }
        if (count.length < 2) {
            throw bad("truncated");
        }
        int n = (count[0] & 0xFF) | (count[1] & 0xFF) << 8;
        if (n == 0) {
            throw bad("corrupt (zero frames)");
        }
        int payloadBytes = BitPacker.bytesFor(n, header.quantizers(), header.bitsPerCode());
        int checkBytes = Packets.checkBytes(version);
        byte[] packet = new byte[2 + payloadBytes + checkBytes];
        packet[0] = count[0];
        packet[1] = count[1];
        int got = in.readNBytes(packet, 2, payloadBytes + checkBytes);
        if (got < payloadBytes + checkBytes) {
            throw bad("truncated");
        }
        if (Packets.getCheck(version, packet, 2 + payloadBytes) != Packets.check(version, packet, 2 + payloadBytes)) {
            throw bad("corrupt (CRC mismatch)");
        }
        byte[] payload = java.util.Arrays.copyOfRange(packet, 2, 2 + payloadBytes);
        int[][] codes = BitPacker.unpack(payload, n, header.quantizers(), header.bitsPerCode());
        offset += packet.length;
        packetIndex++;
        frames += n;
        return codes;
    }

    private void checkLength() throws BitstreamException {
        if (header.lengthKnown()) {
            long expected = (header.length() + header.hopLength() - 1) / header.hopLength();
            if (frames < expected) {
                throw new BitstreamException("truncated: packet " + packetIndex + " at byte " + offset
                        + " is missing (" + frames + " of " + expected + " frames present)");
            }
        }
    }

    private BitstreamException bad(String what) {
        return new BitstreamException("packet " + packetIndex + " at byte " + offset + " is " + what);
    }
}
