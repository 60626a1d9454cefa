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
import java.util.concurrent.ThreadLocalRandom;

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
        this.temp = register(dir == null ? Path.of(".") : dir, target.getFileName().toString());
        this.channel = createOwnerOnly(temp);
    }

    /**
     * A fresh hidden name beside the target, registered for deletion at the end of the JVM <em>before</em> the file
     * exists: Ctrl-C or SIGTERM ends the JVM without closing this, and the delete-on-exit hook (which runs after the
     * application's shutdown hooks) then removes it; registered after creating, a signal in between would leave it.
     */
    private static Path register(Path dir, String name) {
        Path p = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            p.toFile().deleteOnExit();
        } catch (IllegalStateException shuttingDown) {
            // a file begun during shutdown is closed, and so deleted, by its writer's own finally
        }
        return p;
    }

    private static FileChannel createOwnerOnly(Path p) throws IOException {
        try {
            return FileChannel.open(p, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
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
