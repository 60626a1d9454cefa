package io.github.soundstream.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
        assertTrue(console.toString().contains("checksum verified"), console.toString());
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
    void tarLinksPointingOutsideAndAbsolutePathsAreRefused() throws IOException {
        Path out = dir.resolve("x");
        Path link = dir.resolve("link.tar.gz");
        Files.write(link, Archives.tarGz(Map.of("data/a.wav", Archives.wav(1)), Map.of("data/passwd", "../../../etc/passwd")));
        assertTrue(assertThrows(DownloadException.class, () -> SafeExtractor.extract(link, out)).getMessage()
                .contains("pointing outside"));
        Path abs = dir.resolve("abs.zip");
        Files.write(abs, Archives.zip(Map.of("/tmp/evil.wav", Archives.wav(1))));
        assertTrue(assertThrows(DownloadException.class, () -> SafeExtractor.extract(abs, out)).getMessage()
                .contains("absolute"));
        Path fine = dir.resolve("fine.tar.gz");
        Files.write(fine, Archives.tarGz(Map.of("LibriSpeech/test-clean/1/1-1-0001.wav", Archives.wav(2)),
                Map.of("LibriSpeech/test-clean/1/alias.wav", "1-1-0001.wav")));
        SafeExtractor.extract(fine, dir.resolve("y"));
        assertTrue(Files.isSymbolicLink(dir.resolve("y/LibriSpeech/test-clean/1/alias.wav")));
    }

    private void assertNoStaging() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".extract-")), names.toString());
        }
    }
}
