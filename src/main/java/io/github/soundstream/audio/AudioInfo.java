package io.github.soundstream.audio;

import java.nio.file.Path;

/**
 * What a reader learned from a file's header.
 *
 * @param path        the file, or {@code null} for an anonymous stream
 * @param container   "WAV", "FLAC", "MP3", "Ogg"
 * @param codec       e.g. "PCM 16-bit", "IEEE float 32-bit", "FLAC 24-bit", "MPEG-1 Layer III", "Vorbis"
 * @param sampleRate  frames per second
 * @param channels    interleaved channel count
 * @param frames      total frames when the header states it, otherwise {@link #UNKNOWN_LENGTH}
 */
public record AudioInfo(Path path, String container, String codec, int sampleRate, int channels, long frames) {
    public static final long UNKNOWN_LENGTH = -1;

    public AudioInfo {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channel count must be positive: " + channels);
        }
    }

    public boolean lengthKnown() {
        return frames >= 0;
    }

    public double durationSeconds() {
        return lengthKnown() ? frames / (double) sampleRate : Double.NaN;
    }

    public AudioInfo withFrames(long newFrames) {
        return new AudioInfo(path, container, codec, sampleRate, channels, newFrames);
    }
}
