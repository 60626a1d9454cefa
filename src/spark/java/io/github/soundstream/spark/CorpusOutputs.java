package io.github.soundstream.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * Output files on any Hadoop file system, written so that a file under its final name is always complete: the
 * bytes go to a hidden temporary name in the same folder, which is renamed when they are all there. A task killed
 * half-way leaves only a temporary file, which a rerun ignores and overwrites with a fresh name of its own.
 */
final class CorpusOutputs {
    private final Configuration conf;

    CorpusOutputs(Configuration conf) {
        this.conf = conf;
    }

    /** {@code root/relative} with the relative path's extension replaced by {@code extension} (".ssc"). */
    static Path mirrored(String root, String relative, String extension) {
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        String stem = dot > slash ? relative.substring(0, dot) : relative;
        return new Path(root, stem + extension);
    }

    boolean exists(Path file) throws IOException {
        return fileSystem(file).exists(file);
    }

    /** The file system of {@code file}; on local disks without Hadoop's ".crc" side files, as the CLI writes. */
    FileSystem fileSystem(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** Writes {@code file} whole through a temporary name; an existing file is replaced. */
    void write(Path file, Writer content) throws IOException {
        FileSystem fs = fileSystem(file);
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                content.writeTo(out);
                if (out.hasCapability(StreamCapabilities.HSYNC)) { // object stores have none: they commit on close
                    out.hsync(); // on disk before it takes the final name, as the CLI's outputs are
                }
            }
            if (fs.exists(file)) {
                fs.delete(file, false);
            }
            if (!fs.rename(tmp, file)) {
                throw new IOException("cannot rename " + tmp + " to " + file);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    /** Writes bytes to a stream; may throw. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
