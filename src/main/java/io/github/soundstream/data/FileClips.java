package io.github.soundstream.data;

import io.github.soundstream.audio.AudioFileException;
import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.MonoStream;
import io.github.soundstream.nn.SeededRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Clips cut from audio files: decoded, averaged to mono, resampled to the model rate, a random crop (or right zero
 * padding when shorter), then peak-normalised to 1. A long file is read only up to the end of its crop when its
 * length is known from the header.
 */
public final class FileClips implements ClipSource {
    private final List<Path> files;
    private final int sampleRate;
    private final int samples;

    public FileClips(List<Path> files, int sampleRate, int samples) {
        this.files = List.copyOf(files);
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public String describe(int index) {
        return files.get(index).toString();
    }

    @Override
    public float[] clip(int index, long cropSeed) throws IOException {
        try {
            return crop(index, cropSeed);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // one bad file must never stop training: every failure becomes this file's error
            throw new AudioFileException(files.get(index), io.github.soundstream.files.Reasons.of(e), e);
        }
    }

    private float[] crop(int index, long cropSeed) throws IOException {
        SeededRandom rng = new SeededRandom(cropSeed);
        float[] out;
        try (MonoStream in = AudioFiles.openMono(files.get(index), sampleRate)) {
            long length = in.expectedLength();
            if (length > samples) {
                long start = (long) (rng.nextDouble() * (length - samples + 1));
                skip(in, start);
                out = readUpTo(in, samples);
            } else {
                float[] all = in.readAll();
                if (all.length > samples) {
                    int start = (int) (rng.nextDouble() * (all.length - samples + 1));
                    out = Arrays.copyOfRange(all, start, start + samples);
                } else {
                    out = Arrays.copyOf(all, samples);
                }
            }
        }
        return peakNormalise(out);
    }

    private static void skip(MonoStream in, long n) throws IOException {
        float[] scratch = new float[8192];
        long left = n;
        while (left > 0) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (got < 0) {
                return;
            }
            left -= got;
        }
    }

    private static float[] readUpTo(MonoStream in, int n) throws IOException {
        float[] out = new float[n];
        int have = 0;
        while (have < n) {
            int got = in.read(out, have, n - have);
            if (got < 0) {
                break;
            }
            have += got;
        }
        return out;
    }

    static float[] peakNormalise(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 0) {
            float g = 1f / peak;
            for (int i = 0; i < x.length; i++) {
                x[i] *= g;
            }
        }
        return x;
    }
}
