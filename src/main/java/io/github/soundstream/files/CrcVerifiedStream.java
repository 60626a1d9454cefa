package io.github.soundstream.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip entry's bytes with its CRC-32 and size checked at the end. {@link ZipFile} checks neither: a flipped bit
 * inside a stored or deflated entry reads back as different bytes without a word. Readers that stop before the end
 * call {@link #verifyRest()} to read and check what they left.
 */
public final class CrcVerifiedStream extends FilterInputStream {
    private final CRC32 crc = new CRC32();
    private final ZipEntry entry;
    private final Path file;
    private long size;
    private boolean verified;

    private CrcVerifiedStream(InputStream in, ZipEntry entry, Path file) {
        super(in);
        this.entry = entry;
        this.file = file;
    }

    /** Opens {@code name} in {@code zip}; {@code file} names the archive in errors. */
    public static CrcVerifiedStream open(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException(file + ": lacks entry " + name);
        }
        return new CrcVerifiedStream(zip.getInputStream(e), e, file);
    }

    /** Reads every entry of {@code zip} to its end, checking each CRC. */
    public static void verifyAll(ZipFile zip, Path file) throws IOException {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (!e.isDirectory()) {
                try (CrcVerifiedStream s = new CrcVerifiedStream(zip.getInputStream(e), e, file)) {
                    s.verifyRest();
                }
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = wrapped(() -> in.read());
        if (b < 0) {
            check();
        } else {
            crc.update(b);
            size++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = wrapped(() -> in.read(b, off, len));
        if (n < 0) {
            check();
        } else {
            crc.update(b, off, n);
            size += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int got = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    /** Reads whatever the consumer left and checks the whole entry. */
    public void verifyRest() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // reading is the check
        }
    }

    private void check() throws IOException {
        if (verified) {
            return;
        }
        if (entry.getSize() >= 0 && size != entry.getSize()) {
            throw new ZipException(file + ": entry " + entry.getName() + " is damaged (" + size + " bytes, the index "
                    + "says " + entry.getSize() + ")");
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new ZipException(file + ": entry " + entry.getName() + " is damaged (CRC-32 mismatch)");
        }
        verified = true;
    }

    private interface Read {
        int run() throws IOException;
    }

    /** The inflater's own errors ("invalid stored block lengths") get the file and entry named. */
    private int wrapped(Read r) throws IOException {
        try {
            return r.run();
        } catch (ZipException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new ZipException(file + ": entry " + entry.getName() + " is damaged (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new ZipException(file + ": entry " + entry.getName() + " is cut short");
        }
    }
}
