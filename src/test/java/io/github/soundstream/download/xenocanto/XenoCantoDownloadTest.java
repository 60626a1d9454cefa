package io.github.soundstream.download.xenocanto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.download.DownloadException;
import io.github.soundstream.download.HttpDownloader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `download xeno-canto` against a loopback server speaking API v3: no test touches the internet. */
class XenoCantoDownloadTest {
    private static final String QUERY = "grp:birds q:A";

    @TempDir
    Path dir;
    FakeXenoCanto server;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = new FakeXenoCanto();
        String[] licences = {"by", "by-nc", "by-sa", "by-nd", "by-nc-sa"};
        for (int i = 0; i < licences.length; i++) {
            byte[] wav = WavWriter.encode(Soundscape.generate(i, 8000, 4000 + 400 * i), 8000, WavFormat.PCM_16);
            server.catalogue.add(new FakeXenoCanto.Entry(1001 + i, "Turdus", "merula" + (i % 2), "Blackbird",
                    licences[i], 30 + i, wav));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private XenoCantoDownload.Summary run(Set<String> licences, Integer max, boolean dryRun) throws IOException {
        XenoCantoDownload d = new XenoCantoDownload(new HttpDownloader(3, Duration.ZERO, waits::add),
                new PrintStream(console, true));
        return d.run(new XenoCantoDownload.Options(QUERY, FakeXenoCanto.KEY, max, null, licences, dir,
                server.origin(), dryRun, Duration.ofSeconds(1)));
    }

    private Path folder() {
        return dir.resolve("xeno-canto/grp-birds-q-a");
    }

    @Test
    void pagesThrough429ADownloadThatFailsAndACutThenResumes() throws IOException {
        server.tooManyRequestsOnPage = 2;
        server.cutOnce.add(1002);
        server.missing.add(1004);
        XenoCantoDownload.Summary s = run(Set.of(), null, false);
        assertEquals(5, s.selected());
        assertEquals(4, s.fetched());
        assertEquals(1, s.failures().size(), s.failures().toString());
        assertTrue(s.failures().get(0).startsWith("XC1004: ") && s.failures().get(0).endsWith("HTTP 404 (not found)"),
                s.failures().toString());
        assertTrue(console.toString().contains("Xeno-canto: 5 recordings of 2 species match grp:birds q:A (3 pages)"),
                console.toString());
        assertTrue(waits.contains(Duration.ofSeconds(7)), "Retry-After honoured: " + waits);
        assertEquals(2, waits.stream().filter(Duration.ofSeconds(1)::equals).count(), "a pause between pages");
        assertTrue(server.requests.stream().anyMatch(r -> r.startsWith("/1002/download")));
        assertEquals(2, server.fileRequests.get(1002).get(), "the cut file was resumed");
        assertEquals(List.of("XC1001.wav", "XC1002.wav", "XC1003.wav", "XC1005.wav", "manifest.csv"), names());

        List<String> manifest = Files.readAllLines(folder().resolve("manifest.csv"));
        assertEquals(String.join(",", Manifest.COLUMNS), manifest.get(0));
        assertEquals(6, manifest.size());
        String row = manifest.stream().filter(l -> l.startsWith("1002,")).findFirst().orElseThrow();
        assertTrue(row.startsWith("1002,Turdus,merula1,Blackbird,song,A,0:31,United Kingdom,\"Recordist, With "
                + "\"\"Comma\"\"\",https://creativecommons.org/licenses/by-nc/4.0/,https://xeno-canto.org/1002,"
                + "XC1002.wav,"), row);
        assertTrue(row.endsWith(",ok"), row);
        assertTrue(manifest.stream().anyMatch(l -> l.startsWith("1004,") && l.endsWith("HTTP 404 (not found)")
                && l.contains(",failed: ")), manifest.toString());

        // the same command again: only what is missing is fetched, the rest verified and skipped
        server.missing.clear();
        XenoCantoDownload.Summary again = run(Set.of(), null, false);
        assertEquals(1, again.fetched());
        assertEquals(4, again.alreadyThere());
        assertEquals(List.of(), again.failures());
        assertEquals(1, server.fileRequests.get(1001).get(), "verified, not fetched again");
        assertTrue(Files.readString(folder().resolve("manifest.csv")).lines().allMatch(l -> l.endsWith(",ok")
                || l.startsWith("id,")));
    }

    @Test
    void aFileCutOnEveryAttemptIsLeftAsPartAndResumedOnTheNextRun() throws IOException {
        server.cutAlways.add(1003);
        XenoCantoDownload.Summary s = run(Set.of(), null, false);
        assertEquals(1, s.failures().size(), s.failures().toString());
        assertFalse(Files.exists(folder().resolve("XC1003.wav")), "nothing that looks complete");
        assertTrue(Files.exists(folder().resolve("XC1003.wav.part")));
        server.cutAlways.clear();
        server.requests.clear();
        XenoCantoDownload.Summary again = run(Set.of(), null, false);
        assertEquals(1, again.fetched());
        assertTrue(Files.exists(folder().resolve("XC1003.wav")));
        assertFalse(Files.exists(folder().resolve("XC1003.wav.part")));
    }

    @Test
    void aDamagedFileIsFetchedAgain() throws IOException {
        run(Set.of(), 2, false);
        Path file = folder().resolve("XC1001.wav");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        XenoCantoDownload.Summary again = run(Set.of(), 2, false);
        assertEquals(1, again.fetched());
        assertEquals(2, server.fileRequests.get(1001).get());
    }

    @Test
    void theLicenceFilterAndTheLimitSelectBeforeDownloading() throws IOException {
        XenoCantoDownload.Summary s = run(Set.of("cc-by", "cc-by-sa"), null, false);
        assertEquals(2, s.selected());
        assertEquals(List.of("XC1001.wav", "XC1003.wav", "manifest.csv"), names());

        server.requests.clear();
        XenoCantoDownload.Summary dry = run(Set.of(), 3, true);
        assertEquals(3, dry.selected());
        assertEquals(2, server.requests.size(), "two pages hold three recordings: " + server.requests);
        assertTrue(server.requests.stream().allMatch(r -> r.startsWith("/api/3/recordings?")));
    }

    @Test
    void aWrongKeyShowsTheApisMessageAndWritesNothing() {
        XenoCantoDownload d = new XenoCantoDownload(new HttpDownloader(3, Duration.ZERO, waits::add),
                new PrintStream(console, true));
        DownloadException e = assertThrows(DownloadException.class, () -> d.run(new XenoCantoDownload.Options(QUERY,
                "wrong", null, null, Set.of(), dir, server.origin(), false, Duration.ZERO)));
        assertTrue(e.getMessage().contains("HTTP 401 (unauthorized: Invalid or missing API key)")
                && e.getMessage().contains("account page"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the key is never printed");
        assertFalse(Files.exists(dir.resolve("xeno-canto")));
        assertEquals(1, server.requests.size(), "a refusal is final");
    }

    @Test
    void anEmptyResultDownloadsNothing() throws IOException {
        XenoCantoDownload d = new XenoCantoDownload(new HttpDownloader(3, Duration.ZERO, waits::add),
                new PrintStream(console, true));
        XenoCantoDownload.Summary s = d.run(new XenoCantoDownload.Options("gen:nothingsuch", FakeXenoCanto.KEY, null,
                null, Set.of(), dir, server.origin(), false, Duration.ZERO));
        assertEquals(0, s.selected());
        assertFalse(Files.exists(dir.resolve("xeno-canto")));
    }

    @Test
    void queriesWithoutATagAndRunsWithoutAKeyAreRefusedBeforeAnyRequest() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XenoCantoDownload.check("turdus merula",
                "k")).getMessage().contains("tag syntax"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> XenoCantoDownload.check("sp:\"turdus merula\"",
                " ")).getMessage().contains("account page"));
        XenoCantoDownload.check("sp:\"turdus merula\"", "k");
        XenoCantoDownload.check("grp:birds cnt:\"united kingdom\" q:A len:5-60", "k");
        assertEquals("grp-birds-cnt-united-kingdom-q-a-len-5-60",
                XenoCantoDownload.slug("grp:birds cnt:\"united kingdom\" q:A len:5-60"));
        assertEquals(0, server.requests.size());
    }

    @Test
    void theListingShowsRecordingsHoursAndLicences() throws IOException {
        run(Set.of(), null, false);
        List<String> lines = XenoCantoDownload.list(dir);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("xeno-canto/grp-birds-q-a") && lines.get(0).contains("5 files")
                && lines.get(0).contains("licences {cc-by=1, cc-by-nc=1, cc-by-nc-sa=1, cc-by-nd=1, cc-by-sa=1}"),
                lines.get(0));
        assertEquals("  soundstream train --audio-dir " + folder(), lines.get(1));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
