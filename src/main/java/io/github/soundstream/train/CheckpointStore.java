package io.github.soundstream.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint folder: {@code soundstream_step_<N>.ckpt} files, written atomically (hidden temp file, fsync,
 * rename) so that a file with that name is always complete; {@code latest} is the highest step that opens; old
 * ones are pruned by step number (not by name, which sorts 10000 before 9000).
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("soundstream_step_(\\d+)\\.ckpt");

    /** Writes the checkpoint's bytes to a path; used once, for the temp file. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public static String fileName(long step) {
        return "soundstream_step_" + step + ".ckpt";
    }

    /** Fails early, before any training, if the folder cannot be created or written. */
    public void checkWritable() throws IOException {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
        Files.delete(probe);
    }

    /** Writes checkpoint {@code step} atomically and returns its path. */
    public Path save(long step, Writer writer) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName(step));
        Path temp = Files.createTempFile(dir, "." + fileName(step) + ".", ".part");
        try {
            writer.writeTo(temp);
            readableByAll(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Keeps the newest {@code keep} checkpoints by step number; returns the deleted files. */
    public List<Path> prune(int keep) throws IOException {
        List<Path> all = list();
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
            deleted.add(all.get(i));
        }
        return deleted;
    }

    /** Complete checkpoints, oldest step first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> step(p).isPresent()).sorted(Comparator.comparingLong(p -> step(p).orElse(-1L)))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Removes temp files of saves that a crash interrupted. */
    public int removeInterruptedSaves() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".part")
                    && p.getFileName().toString().startsWith(".soundstream_step_")).toList()) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }

    /** The newest checkpoint that opens as a checkpoint, skipping damaged ones with a warning. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = new ArrayList<>(list());
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            try {
                CheckpointFile.readMeta(p);
                return Optional.of(p);
            } catch (IOException e) {
                LOG.warn("ignoring damaged checkpoint {}: {}", p, e.getMessage());
            }
        }
        return Optional.empty();
    }

    public static Optional<Long> step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Temp files are created owner-only; a checkpoint is as readable as any other file the user writes. */
    private static void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot set permissions of {}: {}", file, e.toString());
        }
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported here: {}", e.toString());
        }
    }
}
