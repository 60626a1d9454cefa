package io.github.soundstream.checkpoint;

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
 * rename) so that a file with that name is always complete; {@code latest} is the highest step that opens.
 * Several runs may share a folder, one training at a time ({@link #lock}): each checkpoint records its run's id,
 * and retention, the clean-up of interrupted saves and name collisions touch only the saving run's own files
 * (another run's file of the same step is kept, and this run's is saved as {@code soundstream_step_<N>_<run>.ckpt}).
 * Names that are not a checkpoint's (a step beyond a long, say) are ignored.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("soundstream_step_(\\d{1,18})(?:_([0-9a-z]{1,32}))?\\.ckpt");
    private static final String LOCK = ".soundstream-train.lock";

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

    /**
     * Takes the folder for one training process until closed; a second one (in this JVM or another) is refused.
     * The OS drops the lock when a process dies, so a crash never leaves the folder locked.
     */
    public java.io.Closeable lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new FolderInUseException("--checkpoint-dir " + dir + ": another training run is using this "
                    + "folder (it holds " + LOCK + "); wait for it to finish or use another --checkpoint-dir");
        }
        java.nio.channels.FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    /** Writes run {@code runId}'s checkpoint {@code step} atomically and returns its path. */
    public Path save(long step, String runId, Writer writer) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName(step));
        if (Files.exists(target) && !runId.equals(runOf(target).orElse(null))) {
            target = dir.resolve("soundstream_step_" + step + "_" + runId + ".ckpt");
        }
        Path temp = Files.createTempFile(dir, "." + fileName(step) + "." + runId + ".", ".part");
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
        } catch (IOException e) {
            // "No space left on device" and the like name no file by themselves
            String m = String.valueOf(e.getMessage());
            throw m.contains(dir.toString()) ? e : new IOException(target + ": cannot save checkpoint (" + m + ")", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Keeps run {@code runId}'s newest {@code keep} checkpoints by step number; returns the deleted files. */
    public List<Path> prune(String runId, int keep) throws IOException {
        List<Path> own = ofRun(runId);
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < own.size() - keep; i++) {
            Files.deleteIfExists(own.get(i));
            deleted.add(own.get(i));
        }
        return deleted;
    }

    /** Complete checkpoints of every run, oldest step first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> step(p).isPresent() && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong((Path p) -> step(p).orElse(-1L)).thenComparing(Path::toString))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Run {@code runId}'s complete checkpoints, oldest step first. */
    public List<Path> ofRun(String runId) throws IOException {
        return list().stream().filter(p -> runId.equals(runOf(p).orElse(null))).toList();
    }

    /** Checkpoints in the folder that belong to runs other than {@code runId} (or whose run cannot be read). */
    public List<Path> ofOtherRuns(String runId) throws IOException {
        return list().stream().filter(p -> !runId.equals(runOf(p).orElse(null))).toList();
    }

    /** Removes temp files of run {@code runId}'s saves that a crash interrupted; other runs' are not touched. */
    public int removeInterruptedSaves(String runId) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> isInterruptedSave(p, runId)).toList()) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }

    static boolean isInterruptedSave(Path p, String runId) {
        String name = p.getFileName().toString();
        return name.startsWith(".soundstream_step_") && name.endsWith(".part") && name.contains(".ckpt." + runId + ".");
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

    /** The step in a checkpoint's file name; empty for any other name. */
    public static Optional<Long> step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static Optional<String> runOf(Path checkpoint) {
        try {
            return Optional.of(CheckpointFile.readMeta(checkpoint).runId());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
