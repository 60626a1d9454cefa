package io.github.soundstream.audio;

import io.github.soundstream.files.Reasons;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Entry points for reading audio: open a decoder, read a whole file as mono at a rate, or list a directory. */
public final class AudioFiles {
    private static final int CHUNK_FRAMES = 8192;

    private AudioFiles() {
    }

    /** True for names ending in a supported extension (wav, wave, flac, mp3, ogg, oga), in any letter case. */
    public static boolean isAudioFileName(Path path) {
        return AudioContainer.fromFileName(path).isPresent();
    }

    /**
     * Opens a decoder for {@code path}. The format is taken from the file's first bytes, so a FLAC file named
     * {@code .wav} still reads; the extension decides only when the content is not recognised.
     */
    public static AudioStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(FileOpening.open(path), 1 << 16);
        try {
            return open(in, path, AudioContainer.fromFileName(path));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a decoder over a stream such as stdin, recognising the format from its first bytes. */
    public static AudioStream open(InputStream raw, Path label) throws IOException {
        InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        return open(in, label, Optional.empty());
    }

    private static AudioStream open(InputStream in, Path label, Optional<AudioContainer> byName) throws IOException {
        byte[] head = AudioContainer.readHead(in);
        if (head.length == 0) {
            throw new AudioFileException(label, "empty file");
        }
        Optional<AudioContainer> byContent = AudioContainer.sniff(head, head.length);
        AudioContainer container = byContent.or(() -> byName).orElseThrow(() -> new AudioFileException(label,
                label != null && !isAudioFileName(label)
                        ? "unsupported file type '" + AudioContainer.extensionOf(label) + "' (supported: "
                                + AudioContainer.supportedList() + ")"
                        : "unrecognised audio data (supported: " + AudioContainer.supportedList() + ")"));
        try {
            return container.open(in, label);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(label, "cannot decode " + container.displayName() + ": " + Reasons.of(e), e);
        }
    }

    /** Opens {@code path} as a mono stream at {@code sampleRate}: channels averaged, band-limited resampling. */
    public static MonoStream openMono(Path path, int sampleRate) throws IOException {
        return new MonoStream(open(path), sampleRate);
    }

    /** Reads a whole file as mono float samples at {@code sampleRate} (for training clips, not hour-long files). */
    public static float[] readMono(Path path, int sampleRate) throws IOException {
        try (MonoStream mono = openMono(path, sampleRate)) {
            return mono.readAll();
        }
    }

    /** Supported audio files below {@code dir}, recursively, in a stable (sorted) order. */
    public static List<Path> scan(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new AudioFileException(dir, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(walk.filter(p -> Files.isRegularFile(p) && isAudioFileName(p))
                    .sorted().toList());
            return files;
        } catch (UncheckedIOException e) {
            throw new AudioFileException(dir, "cannot list: " + Reasons.of(e.getCause()), e.getCause());
        }
    }

    static int chunkFrames() {
        return CHUNK_FRAMES;
    }
}
