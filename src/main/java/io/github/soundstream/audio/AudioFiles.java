package io.github.soundstream.audio;

import io.github.soundstream.files.Reasons;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry points for reading audio: open a decoder, read a whole file as mono at a rate, or list a directory. */
public final class AudioFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AudioFiles.class);
    private static final int CHUNK_FRAMES = 8192;
    /** Samples (frames × channels) one read asks for at most: bounds memory whatever a header claims. */
    private static final int CHUNK_SAMPLES = 1 << 16;

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
        return walk(dir, AudioFiles::isAudioFileName);
    }

    /**
     * Regular files below {@code dir} that {@code accepts}, sorted. Links to folders are followed (a loop is
     * skipped with a warning, and a file reached twice is listed once); a subfolder that cannot be read is
     * skipped with a warning and the walk goes on. Only an unreadable {@code dir} itself is an error.
     */
    public static List<Path> walk(Path dir, Predicate<Path> accepts) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new AudioFileException(dir, Files.exists(dir) ? "not a directory" : "no such directory");
        }
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile() && accepts.test(file)) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        return skip(dir, file, e);
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        return e == null ? FileVisitResult.CONTINUE : skip(dir, d, e);
                    }
                });
        files.sort(null);
        // the first name in sorted order stands for a file reached through several links
        return new ArrayList<>(files.stream().filter(f -> seen.add(realPath(f))).toList());
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static FileVisitResult skip(Path root, Path path, IOException e) throws AudioFileException {
        if (path.equals(root)) {
            throw new AudioFileException(root, "cannot list: " + Reasons.of(e), e);
        }
        LOG.warn("{}: {}; skipped", path, e instanceof FileSystemLoopException ? "a link back into a folder above it"
                : "cannot read (" + Reasons.of(e) + ")");
        return FileVisitResult.CONTINUE;
    }

    /** Frames per read for a file of {@code channels} channels: 8,192, fewer for wide files, at least one. */
    public static int chunkFrames(int channels) {
        return Math.max(1, Math.min(CHUNK_FRAMES, CHUNK_SAMPLES / Math.max(1, channels)));
    }
}
