package io.github.soundstream.download;

import io.github.soundstream.audio.AudioFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Fetches, verifies and unpacks one dataset into the datasets folder. Nothing that looks complete is left
 * behind on failure: the archive is only named as such once its transfer completed, a checksum mismatch removes
 * it, and the dataset's folder appears by an atomic rename only after extraction and the file count succeeded.
 */
public final class DatasetInstaller {
    private final Path dir;
    private final String baseUrl;
    private final HttpDownloader downloader;
    private final PrintStream console;

    public DatasetInstaller(Path dir, String baseUrl, HttpDownloader downloader, PrintStream console) {
        this.dir = dir;
        this.baseUrl = baseUrl;
        this.downloader = downloader;
        this.console = console;
    }

    public boolean installed(DatasetSpec d) {
        return Files.isDirectory(dir.resolve(d.installedPath()));
    }

    /** Installs {@code d}; returns the folder to pass to {@code train --audio-dir}. */
    public Path install(DatasetSpec d) throws IOException {
        Path audio = dir.resolve(d.audioPath());
        if (installed(d)) {
            console.println(d.title() + ": already in " + dir.resolve(d.installedPath()));
            return audio;
        }
        Files.createDirectories(dir);
        Path archive = dir.resolve(d.archive());
        boolean downloaded = !Files.exists(archive);
        if (downloaded) {
            if (!d.automatic()) {
                throw new DownloadException(d.title() + " must be fetched by hand: " + d.manualSteps()
                        + " (into " + dir.toAbsolutePath() + ")");
            }
            checkDiskSpace(d);
            String url = d.urlWithBase(baseUrl);
            console.println("downloading " + d.title() + " from " + url);
            try {
                downloader.download(url, archive, new ProgressBar(console, d.archive()), part -> whole(d, part));
            } catch (DownloadException e) {
                throw new DownloadException(e.getMessage() + ". Fetch it by hand from " + url + " and put it at "
                        + archive.toAbsolutePath() + ", then run this command again", e);
            }
        }
        if (!downloaded) {
            checkStructure(d, archive); // the download's own check has read it to its end already
        }
        verify(d, archive);
        extract(d, archive);
        return audio;
    }

    private void checkDiskSpace(DatasetSpec d) throws IOException {
        if (d.bytes() <= 0) {
            return;
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        long need = d.bytes() * 21 / 10; // the archive and its unpacked copy, with some slack
        if (free < need) {
            throw new DownloadException(String.format(Locale.ROOT, "%s needs about %.1f GB in %s, only %.1f GB free",
                    d.title(), need / 1e9, dir.toAbsolutePath(), free / 1e9));
        }
    }

    /** The download's completeness check: at least the expected size, and an archive that reads to its end. */
    private static void whole(DatasetSpec d, Path part) throws IOException {
        long size = Files.size(part);
        if (d.strictChecksum() && d.bytes() > 0 && size < d.bytes()) {
            throw new IOException(size + " of " + d.bytes() + " bytes");
        }
        ArchiveCheck.verify(part);
    }

    /** An archive found in the folder (by hand, or left by an older version) must read to its end. */
    private static void checkStructure(DatasetSpec d, Path archive) throws IOException {
        try {
            ArchiveCheck.verify(archive);
        } catch (IOException e) {
            if (!d.automatic()) {
                throw new DownloadException(archive + ": " + e.getMessage() + "; fetch it again (" + d.manualSteps()
                        + ")");
            }
            // kept as a .part, so the next run resumes it (or fetches it anew) instead of failing on it forever
            Path part = archive.resolveSibling(archive.getFileName() + ".part");
            Files.move(archive, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            throw new DownloadException(archive + ": " + e.getMessage() + "; renamed to " + part.getFileName()
                    + ". Run again to complete the download");
        }
    }

    private void verify(DatasetSpec d, Path archive) throws IOException {
        long size = Files.size(archive);
        Checksums sums = Checksums.of(archive);
        String problem = null;
        String checked;
        if (d.sha256() != null && !d.sha256().equalsIgnoreCase(sums.sha256())) {
            problem = "SHA-256 " + sums.sha256() + " differs from the published " + d.sha256();
        } else if (d.md5() != null && !d.md5().equalsIgnoreCase(sums.md5())) {
            problem = "MD5 " + sums.md5() + " differs from the published " + d.md5();
        } else if (d.bytes() > 0 && size != d.bytes()) {
            problem = size + " bytes instead of the expected " + d.bytes();
        }
        if (d.sha256() != null) {
            checked = "SHA-256 matches the published checksum";
        } else if (d.md5() != null) {
            checked = "MD5 matches the published checksum";
        } else if (d.bytes() > 0) {
            checked = "no published checksum; size (" + size + " bytes) and archive structure checked";
        } else {
            checked = "no published checksum; archive structure checked";
        }
        if (problem == null) {
            console.println(d.archive() + ": " + checked);
        } else if (d.strictChecksum()) {
            Files.deleteIfExists(archive);
            throw new DownloadException(archive + ": " + problem + "; the file was removed. Run again to download "
                    + "it anew");
        } else {
            // GitHub builds branch archives on the fly: the bytes can change while the content does not.
            console.println("warning: " + d.archive() + ": " + problem + " (the origin rebuilds this archive; the "
                    + "content is checked after extraction)");
        }
    }

    private void extract(DatasetSpec d, Path archive) throws IOException {
        Path staging = Files.createTempDirectory(dir, ".extract-" + d.name() + "-");
        try {
            console.println("extracting " + d.archive());
            SafeExtractor.Extraction x = SafeExtractor.extract(archive, staging);
            if (x.skippedLinks() > 0) {
                console.println(d.archive() + ": skipped " + x.skippedLinks() + " link entr"
                        + (x.skippedLinks() == 1 ? "y" : "ies") + " (datasets need none; links are never created)");
            }
            Path unpacked = staging.resolve(d.installedPath());
            if (!Files.isDirectory(unpacked)) {
                throw new DownloadException(archive + ": does not contain " + d.installedPath() + "/");
            }
            Path audioInStaging = staging.resolve(d.audioPath());
            int count = Files.isDirectory(audioInStaging) ? AudioFiles.scan(audioInStaging).size() : 0;
            if (d.audioFiles() >= 0 && count != d.audioFiles()) {
                throw new DownloadException(archive + ": " + count + " audio files after extraction, expected "
                        + d.audioFiles() + "; nothing was installed");
            }
            Path target = dir.resolve(d.installedPath());
            Files.createDirectories(target.getParent());
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            console.println(d.title() + ": " + count + " audio files in " + dir.resolve(d.audioPath()));
        } finally {
            deleteTree(staging);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
