package io.github.soundstream.data;

/**
 * One training batch: {@code clips × samples} mono samples, row-major, and where it sits in the data order.
 *
 * @param audio    batch × samples floats
 * @param epoch    epoch it belongs to
 * @param index    batch index within the epoch
 */
public record Batch(float[] audio, int clips, int samples, int epoch, int index) {
}
