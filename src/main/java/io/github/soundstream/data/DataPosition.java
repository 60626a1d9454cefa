package io.github.soundstream.data;

/** The next batch to load: all the loader needs to resume exactly. */
public record DataPosition(int epoch, int batch) {
    public static final DataPosition START = new DataPosition(0, 0);
}
