package io.github.soundstream.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion of a mono stream, fed in chunks of any size.
 *
 * <p>Output sample n sits exactly at input time n·down/up (the rate ratio reduced to lowest terms), computed in
 * integers, and is a dot product of the inputs around it with one phase of a {@link KaiserSincFilter}. So the
 * output depends only on the input samples, never on how the input was chunked: streaming a file gives the same
 * bits as converting it whole. Total output length is round(inputLength × to / from); inputs before the start and
 * after the end count as zero.
 */
public final class StreamingResampler {
    /** Receives resampled output as it is produced. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] samples, int offset, int length);
    }

    private final int up;
    private final int down;
    private final KaiserSincFilter filter;
    /** Input samples from absolute index {@code bufferStart} on. */
    private float[] buffer = new float[8192];
    private long bufferStart;
    private int bufferLength;
    private long nextOutput;
    private float[] out = new float[4096];
    private boolean finished;

    public StreamingResampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        this.filter = up == down ? null : new KaiserSincFilter(up, down);
        if (filter != null) {
            // history the first outputs look back on: zeros before the start
            bufferStart = -filter.halfTaps;
            bufferLength = filter.halfTaps;
        }
    }

    /** Feeds {@code length} input samples; output goes to {@code sink}. */
    public void process(float[] input, int offset, int length, Sink sink) {
        if (finished) {
            throw new IllegalStateException("process() after finish()");
        }
        if (filter == null) {
            if (length > 0) {
                sink.accept(input, offset, length);
            }
            return;
        }
        append(input, offset, length);
        produce(bufferStart + bufferLength, sink);
    }

    /** Flushes the filter's tail (as if zeros followed) up to the exact expected length. Call once, at the end. */
    public void finish(Sink sink) {
        if (finished) {
            throw new IllegalStateException("finish() called twice");
        }
        finished = true;
        if (filter == null) {
            return;
        }
        long inputEnd = bufferStart + bufferLength;
        long totalOut = Math.round(inputEnd * (double) up / down);
        append(new float[filter.halfTaps + 1], 0, filter.halfTaps + 1);
        produce(inputEnd, sink, totalOut);
    }

    private void produce(long inputAvailable, Sink sink) {
        produce(inputAvailable, sink, Long.MAX_VALUE);
    }

    /** Emits every output whose taps lie inside the buffer, stopping at {@code limit} outputs in all. */
    private void produce(long inputAvailable, Sink sink, long limit) {
        int half = filter.halfTaps;
        long bufferEnd = bufferStart + bufferLength;
        int n = 0;
        while (nextOutput < limit) {
            long num = nextOutput * down;
            long base = Math.floorDiv(num, up);
            int phase = (int) Math.floorMod(num, up);
            if (base + half >= bufferEnd || (limit == Long.MAX_VALUE && base + half >= inputAvailable)) {
                break;
            }
            float[] taps = filter.phase(phase);
            int start = (int) (base - half + 1 - bufferStart);
            double acc = 0;
            for (int k = 0; k < taps.length; k++) {
                acc += taps[k] * buffer[start + k];
            }
            if (n == out.length) {
                sink.accept(out, 0, n);
                n = 0;
            }
            out[n++] = (float) acc;
            nextOutput++;
        }
        if (n > 0) {
            sink.accept(out, 0, n);
        }
        discardConsumedInput();
    }

    private void append(float[] input, int offset, int length) {
        if (bufferLength + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, bufferLength + length));
        }
        System.arraycopy(input, offset, buffer, bufferLength, length);
        bufferLength += length;
    }

    /** Drops input no future output can reach, keeping the buffer the size of one chunk plus the filter. */
    private void discardConsumedInput() {
        long firstNeeded = Math.floorDiv(nextOutput * down, up) - filter.halfTaps + 1;
        int drop = (int) Math.max(0, Math.min(bufferLength, firstNeeded - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
