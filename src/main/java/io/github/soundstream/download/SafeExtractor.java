package io.github.soundstream.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks zip and tar.gz archives into a folder, refusing any entry that would land outside it: "../" paths,
 * absolute paths, and symbolic or hard links (tar) pointing outside. Device files and other specials are refused.
 */
public final class SafeExtractor {
    private SafeExtractor() {
    }

    public static void extract(Path archive, Path into) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Files.createDirectories(into);
        if (name.endsWith(".zip")) {
            extractZip(archive, into);
        } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            extractTarGz(archive, into);
        } else {
            throw new DownloadException(archive + ": unsupported archive type (zip or tar.gz expected)");
        }
    }

    private static void extractZip(Path archive, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = resolveInside(into, e.getName(), archive);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DownloadException(archive + ": damaged zip (" + e.getMessage() + ")", e);
        }
    }

    private static void extractTarGz(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = resolveInside(into, e.getName(), archive);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink() || e.isLink()) {
                    Path linkTarget = e.isSymbolicLink()
                            ? target.getParent().resolve(e.getLinkName()).normalize()
                            : into.resolve(e.getLinkName()).normalize();
                    if (!linkTarget.startsWith(into.normalize())) {
                        throw new DownloadException(archive + ": refused link '" + e.getName() + "' -> '"
                                + e.getLinkName() + "' pointing outside the target folder");
                    }
                    Files.createDirectories(target.getParent());
                    if (e.isSymbolicLink()) {
                        Files.createSymbolicLink(target, target.getParent().relativize(linkTarget));
                    } else {
                        Files.createLink(target, linkTarget);
                    }
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    throw new DownloadException(archive + ": refused special entry '" + e.getName() + "'");
                }
            }
        } catch (IOException e) {
            if (e instanceof DownloadException) {
                throw e;
            }
            throw new DownloadException(archive + ": damaged tar.gz (" + e.getMessage() + ")", e);
        }
    }

    static Path resolveInside(Path root, String entryName, Path archive) throws DownloadException {
        if (entryName.startsWith("/") || entryName.startsWith("\\") || entryName.matches("^[A-Za-z]:.*")) {
            throw new DownloadException(archive + ": refused absolute entry '" + entryName + "'");
        }
        Path target = root.resolve(entryName).normalize();
        if (!target.startsWith(root.normalize())) {
            throw new DownloadException(archive + ": refused entry '" + entryName + "' escaping the target folder");
        }
        return target;
    }
}
