package io.github.soundstream.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written through a hidden temporary file beside the target and moved into place by {@link #commit()}
 * (after an fsync). Until then the target does not exist or keeps its old content; {@link #close()} without a
 * commit deletes the temporary file, and so does the end of the JVM. So an interrupted write never leaves a
 * half-written file that looks complete, nor a hidden one behind.
 */
public final class AtomicFileChannel implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean done;

    public AtomicFileChannel(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        // Ctrl-C or SIGTERM ends the JVM without closing this: the delete-on-exit hook, which runs after the
        // application's shutdown hooks, removes the temp file then (after a commit the name no longer exists)
        try {
            temp.toFile().deleteOnExit();
        } catch (IllegalStateException shuttingDown) {
            // a file begun during shutdown is closed, and so deleted, by its writer's own finally
        }
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public Path target() {
        return target;
    }

    public void write(ByteBuffer buffer) throws IOException {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** "No space left on device" names no file: say which output it was. */
    private IOException named(IOException e) {
        return new IOException(target + ": cannot write (" + io.github.soundstream.files.Reasons.of(e) + ")", e);
    }

    /** Overwrites bytes at {@code position} (for headers completed at the end). */
    public void writeAt(ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            p += channel.write(buffer, p);
        }
    }

    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or closed");
        }
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw named(e);
        }
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            channel.close();
            Files.deleteIfExists(temp);
        }
    }
}
