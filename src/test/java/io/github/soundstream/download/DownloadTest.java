package io.github.soundstream.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {
    @TempDir
    Path dir;
    TestServer server;
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DatasetInstaller installer() {
        return new DatasetInstaller(dir, server.baseUrl(), new HttpDownloader(3, Duration.ZERO),
                new PrintStream(console, true));
    }

    private static byte[] birds(int clips) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < clips; i++) {
            entries.put("Birds-main/audio/clip" + i + ".wav", Archives.wav(i));
        }
        entries.put("Birds-main/meta/labels.csv", Archives.text("file,label\n"));
        return Archives.zip(entries);
    }

    private static DatasetSpec spec(byte[] archive, boolean strict, int files) throws IOException {
        Path tmp = Files.createTempFile("a", ".zip");
        Files.write(tmp, archive);
        Checksums sums = Checksums.of(tmp);
        Files.delete(tmp);
        return new DatasetSpec("birds", "Birds", "http://unused.invalid/birds.zip", "birds.zip", sums.sha256(),
                sums.md5(), strict, archive.length, "Birds-main", "Birds-main/audio", files, "CC0", "test", null);
    }

    @Test
    void normalDownloadVerifiesUnpacksAndCounts() throws IOException {
        byte[] zip = birds(3);
        server.put("birds.zip", zip);
        Path audio = installer().install(spec(zip, true, 3));
        assertEquals(dir.resolve("Birds-main/audio"), audio);
        try (Stream<Path> s = Files.list(audio)) {
            assertEquals(3, s.count());
        }
        assertTrue(console.toString().contains("birds.zip: SHA-256 matches the published checksum"),
                console.toString());
        assertTrue(Files.exists(dir.resolve("birds.zip")));
        assertFalse(Files.exists(dir.resolve("birds.zip.part")));
        assertTrue(installer().installed(spec(zip, true, 3)));
    }

    @Test
    void aCutConnectionResumesWithARangeRequest() throws IOException {
        byte[] zip = birds(40);
        server.put("birds.zip", zip);
        server.cutFirstResponse = true;
        installer().install(spec(zip, true, 40));
        assertEquals(2, server.ranges.size(), server.ranges.toString());
        assertEquals("none", server.ranges.get(0));
        assertTrue(server.ranges.get(1).startsWith("bytes=") && !server.ranges.get(1).equals("bytes=0-"),
                "second request resumes: " + server.ranges);
    }

    @Test
    void aServerIgnoringRangeIsRestartedFromZero() throws IOException {
        byte[] zip = birds(40);
        server.put("birds.zip", zip);
        server.cutFirstResponse = true;
        server.ignoreRange = true;
        installer().install(spec(zip, true, 40)); // the checksum proves the file was not appended to
        assertEquals(2, server.ranges.size());
    }

    @Test
    void notFoundIsFinalAndSaysWhereToPutTheFile() throws IOException {
        DownloadException e = assertThrows(DownloadException.class, () -> installer().install(spec(birds(1), true, 1)));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("put it at " + dir.resolve("birds.zip").toAbsolutePath()), e.getMessage());
        assertEquals(1, server.ranges.size(), "no retries on 4xx");
        assertFalse(Files.exists(dir.resolve("birds.zip")));
        assertFalse(Files.exists(dir.resolve("Birds-main")));
    }

    @Test
    void aChecksumMismatchLeavesNothingThatLooksComplete() throws IOException {
        byte[] expected = birds(3);
        server.put("birds.zip", birds(4));
        DownloadException e = assertThrows(DownloadException.class, () -> installer().install(spec(expected, true, 3)));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("birds.zip")), "the bad archive is removed");
        assertFalse(Files.exists(dir.resolve("Birds-main")));
    }

    @Test
    void aWrongFileCountInstallsNothing() throws IOException {
        byte[] zip = birds(2);
        server.put("birds.zip", zip);
        DownloadException e = assertThrows(DownloadException.class, () -> installer().install(spec(zip, true, 3)));
        assertTrue(e.getMessage().contains("2 audio files after extraction, expected 3"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("Birds-main")));
        assertNoStaging();
    }

    @Test
    void escapingZipEntriesAreRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Birds-main/audio/ok.wav", Archives.wav(1));
        entries.put("Birds-main/../../evil.txt", Archives.text("gotcha"));
        byte[] zip = Archives.zip(entries);
        server.put("birds.zip", zip);
        DownloadException e = assertThrows(DownloadException.class, () -> installer().install(spec(zip, true, 1)));
        assertTrue(e.getMessage().contains("escaping the target folder"), e.getMessage());
        assertFalse(Files.exists(dir.getParent().resolve("evil.txt")));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertFalse(Files.exists(dir.resolve("Birds-main")));
        assertNoStaging();
    }

    @Test
    void absolutePathsAreRefusedAndLinksAreNeverCreated() throws IOException {
        Path out = dir.resolve("x");
        Path abs = dir.resolve("abs.zip");
        Files.write(abs, Archives.zip(Map.of("/tmp/evil.wav", Archives.wav(1))));
        assertTrue(assertThrows(DownloadException.class, () -> SafeExtractor.extract(abs, out)).getMessage()
                .contains("absolute"));
        Path fine = dir.resolve("fine.tar.gz");
        Files.write(fine, Archives.tarGz(Map.of("LibriSpeech/test-clean/1/1-1-0001.wav", Archives.wav(2)),
                Map.of("LibriSpeech/test-clean/1/alias.wav", "1-1-0001.wav", "LibriSpeech/passwd",
                        "../../../etc/passwd")));
        SafeExtractor.Extraction x = SafeExtractor.extract(fine, dir.resolve("y"));
        assertEquals(new SafeExtractor.Extraction(1, 2), x);
        assertTrue(Files.isRegularFile(dir.resolve("y/LibriSpeech/test-clean/1/1-1-0001.wav")));
        assertFalse(Files.exists(dir.resolve("y/LibriSpeech/test-clean/1/alias.wav"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("y/LibriSpeech/passwd"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkChainArchiveWritesNothingOutsideTheTarget() throws IOException {
        Path sandbox = dir.resolve("sandbox");
        Path target = sandbox.resolve("a/b/c/d");
        Files.createDirectories(target);
        Files.writeString(sandbox.resolve("outside.txt"), "keep");
        Path archive = dir.resolve("hostile.tar.gz");
        Files.write(archive, Archives.linkChainArchive());
        SafeExtractor.Extraction x = SafeExtractor.extract(archive, target);
        assertEquals(4, x.skippedLinks());
        List<Path> written;
        try (Stream<Path> s = Files.walk(sandbox)) {
            written = s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        assertEquals(List.of(sandbox.resolve("a/b/c/d/x/y/w/pwn/ESCAPED.txt"), sandbox.resolve("outside.txt")),
                written.stream().sorted().toList());
        assertEquals("keep", Files.readString(sandbox.resolve("outside.txt")));
        try (Stream<Path> s = Files.walk(sandbox)) {
            assertTrue(s.noneMatch(Files::isSymbolicLink));
        }
    }

    @Test
    void aBodyEndingEarlyWithoutALengthIsResumedNotPromoted() throws IOException {
        byte[] zip = birds(40);
        server.put("birds.zip", zip);
        server.endFirstResponseEarlyWithoutLength = true;
        // no published checksum or size: only the archive's own structure can tell it is cut short
        DatasetSpec unchecked = new DatasetSpec("birds", "Birds", "http://unused.invalid/birds.zip", "birds.zip", null,
                null, false, 0, "Birds-main", "Birds-main/audio", 40, "CC0", "test", null);
        installer().install(unchecked);
        assertEquals(2, server.ranges.size(), server.ranges.toString());
        assertTrue(server.ranges.get(1).startsWith("bytes=") && !server.ranges.get(1).equals("bytes=0-"));
        assertArrayEquals(zip, Files.readAllBytes(dir.resolve("birds.zip")));
        assertTrue(console.toString().contains("no published checksum; archive structure checked"),
                console.toString());
    }

    @Test
    void aTruncatedArchiveUnderItsFinalNameIsResumedOnTheNextRun() throws IOException {
        byte[] zip = birds(40);
        server.put("birds.zip", zip);
        Files.write(dir.resolve("birds.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        DatasetSpec spec = spec(zip, false, 40);
        DownloadException e = assertThrows(DownloadException.class, () -> installer().install(spec));
        assertTrue(e.getMessage().contains("birds.zip") && e.getMessage().contains("renamed to birds.zip.part"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("birds.zip")));
        assertFalse(Files.exists(dir.resolve("Birds-main")));
        installer().install(spec);
        assertEquals(List.of("bytes=" + zip.length / 2 + "-"), server.ranges);
        assertTrue(Files.isDirectory(dir.resolve("Birds-main/audio")));
    }

    private void assertNoStaging() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".extract-")), names.toString());
        }
    }
}
