package io.github.soundstream.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes a whole file once to learn what its header cannot say: the true length, and peak and RMS levels.
 * Decoding everything is also the only honest check that a file is readable to its end.
 *
 * @param info      the header facts, with {@code frames} replaced by the number of frames actually decoded
 * @param peakDbfs  highest absolute sample over all channels, dBFS
 * @param rmsDbfs   RMS over all channels, dBFS
 */
public record AudioInspection(AudioInfo info, double peakDbfs, double rmsDbfs) {

    public static AudioInspection inspect(Path path) throws IOException {
        try (AudioStream stream = AudioFiles.open(path)) {
            int channels = stream.info().channels();
            int chunk = AudioFiles.chunkFrames(channels);
            float[] buffer = new float[chunk * channels];
            LevelMeter meter = new LevelMeter();
            long frames = 0;
            int n;
            while ((n = stream.read(buffer, chunk)) >= 0) {
                meter.accept(buffer, 0, n * channels);
                frames += n;
            }
            if (frames == 0) {
                throw new AudioFileException(path, "empty: no audio frames");
            }
            return new AudioInspection(stream.info().withFrames(frames), meter.peakDbfs(), meter.rmsDbfs());
        }
    }
}
