package io.github.soundstream.download;

import io.github.soundstream.files.CrcVerifiedStream;
import io.github.soundstream.files.Reasons;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads an archive to its end to tell a whole one from a truncated or damaged one: a zip must have its central
 * directory and every entry's CRC right; a tar.gz must inflate to its gzip trailer (whose CRC and length are
 * checked) through well-formed tar headers. Where no checksum is published this is the only proof of a complete
 * download.
 */
final class ArchiveCheck {
    private ArchiveCheck() {
    }

    static void verify(Path archive) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.part$", "");
        try {
            if (name.endsWith(".zip")) {
                try (ZipFile zip = new ZipFile(archive.toFile())) {
                    CrcVerifiedStream.verifyAll(zip, archive);
                }
            } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                        new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
                    while (tar.getNextEntry() != null) {
                        tar.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
        } catch (java.io.EOFException e) {
            throw new IOException("the archive is cut short", e);
        } catch (IOException e) {
            throw new IOException("damaged or incomplete archive: " + Reasons.of(e), e);
        }
    }
}
