package io.github.soundstream.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * Unpacks zip and tar.gz archives into a folder and nowhere else. Datasets need no links, so symbolic and hard
 * links are never created: they are skipped and counted. Links are what let an archive write through a path it
 * made itself (a link to "..", then a file below it), so with none created, and every entry's real parent path
 * checked against the target's real path before writing, nothing lands outside. "../" and absolute entries,
 * device files and other specials are refused; zip entries' CRCs are checked.
 */
public final class SafeExtractor {
    /** What an extraction wrote and what it left out. */
    public record Extraction(int files, int skippedLinks) {
    }

    private SafeExtractor() {
    }

    public static Extraction extract(Path archive, Path into) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Files.createDirectories(into);
        Path root = into.toRealPath();
        if (name.endsWith(".zip")) {
            return extractZip(archive, root);
        } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return extractTarGz(archive, root);
        }
        throw new DownloadException(archive + ": unsupported archive type (zip or tar.gz expected)");
    }

    private static Extraction extractZip(Path archive, Path root) throws IOException {
        int files = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = resolveInside(root, e.getName(), archive);
                if (e.isDirectory()) {
                    createDirectoriesInside(root, target, archive, e.getName());
                } else {
                    createDirectoriesInside(root, target.getParent(), archive, e.getName());
                    try (InputStream in = io.github.soundstream.files.CrcVerifiedStream.open(zip, e.getName(),
                            archive)) {
                        writeFile(in, target);
                    }
                    files++;
                }
            }
        } catch (java.util.zip.ZipException e) {
            String m = String.valueOf(e.getMessage());
            throw new DownloadException(m.startsWith(archive.toString()) ? m : archive + ": damaged zip (" + m + ")", e);
        }
        return new Extraction(files, 0);
    }

    private static Extraction extractTarGz(Path archive, Path root) throws IOException {
        int files = 0;
        int links = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = resolveInside(root, e.getName(), archive);
                if (e.isSymbolicLink() || e.isLink()) {
                    links++;
                } else if (e.isDirectory()) {
                    createDirectoriesInside(root, target, archive, e.getName());
                } else if (e.isFile()) {
                    createDirectoriesInside(root, target.getParent(), archive, e.getName());
                    writeFile(tar, target);
                    files++;
                } else {
                    throw new DownloadException(archive + ": refused special entry '" + e.getName() + "'");
                }
            }
        } catch (IOException e) {
            if (e instanceof DownloadException) {
                throw e;
            }
            throw new DownloadException(archive + ": damaged tar.gz (" + io.github.soundstream.files.Reasons.of(e) + ")", e);
        }
        return new Extraction(files, links);
    }

    private static void writeFile(InputStream in, Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new DownloadException(target + ": refused to write through a symbolic link");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Creates {@code dir} and checks, after the fact and with links resolved, that it is inside {@code root}. */
    private static void createDirectoriesInside(Path root, Path dir, Path archive, String entry) throws IOException {
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(root) || !dir.toRealPath(LinkOption.NOFOLLOW_LINKS).startsWith(root)) {
            throw new DownloadException(archive + ": refused entry '" + entry + "' escaping the target folder");
        }
    }

    static Path resolveInside(Path root, String entryName, Path archive) throws DownloadException {
        if (entryName.startsWith("/") || entryName.startsWith("\\") || entryName.matches("^[A-Za-z]:.*")) {
            throw new DownloadException(archive + ": refused absolute entry '" + entryName + "'");
        }
        Path target = root.resolve(entryName).normalize();
        if (!target.startsWith(root)) {
            throw new DownloadException(archive + ": refused entry '" + entryName + "' escaping the target folder");
        }
        return target;
    }
}
