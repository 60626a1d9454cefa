package io.github.soundstream.download;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.AudioInfo;
import io.github.soundstream.audio.AudioStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/** Files, hours and formats of an installed dataset, from headers (only files without a stated length are decoded). */
public record DatasetListing(int files, double hours, List<String> formats, int unreadable) {

    public static DatasetListing of(Path audioDir) throws IOException {
        List<Path> files = AudioFiles.scan(audioDir);
        double seconds = 0;
        int bad = 0;
        TreeSet<String> formats = new TreeSet<>();

        for (Path f : files) {
            try (AudioStream s = AudioFiles.open(f)) {
                AudioInfo info = s.info();
                formats.add(info.container() + " " + info.codec());
                long frames = info.frames();
                if (!info.lengthKnown()) {
                    frames = 0;
                    int chunk = AudioFiles.chunkFrames(info.channels());
                    float[] buf = new float[chunk * info.channels()];
                    int n;
                    while ((n = s.read(buf, chunk)) >= 0) {
                        frames += n;
                    }
                }
                seconds += frames / (double) info.sampleRate();
            } catch (IOException | RuntimeException e) {
                bad++;
            }
        }
        return new DatasetListing(files.size(), seconds / 3600, List.copyOf(formats), bad);
    }
}
