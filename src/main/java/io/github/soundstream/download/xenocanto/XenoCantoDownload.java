package io.github.soundstream.download.xenocanto;

import io.github.soundstream.audio.AudioInspection;
import io.github.soundstream.download.Checksums;
import io.github.soundstream.download.DownloadException;
import io.github.soundstream.download.HttpDownloader;
import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches the recordings a Xeno-canto query matches into {@code <datasets>/xeno-canto/<query-slug>/}, keeping every
 * recording's licence and recordist in {@code manifest.csv}. Pages through the API one request at a time with a
 * pause between pages; prints what the query matched before downloading anything; downloads through the resumable
 * {@link HttpDownloader}; a file is kept only when it decodes to its end. A rerun skips recordings already complete
 * and verified (size and SHA-256 against the manifest), continues interrupted ones, and retries failed ones; one
 * recording that fails is listed with its reason and the rest go on.
 */
public final class XenoCantoDownload {
    /** The official origin; file URLs under it are redirected to {@code --base-url} when one is given. */
    public static final String ORIGIN = "https://xeno-canto.org";
    public static final String FOLDER = "xeno-canto";
    private static final Pattern TAG = Pattern.compile("(^|\\s)[a-z][a-z_-]*[<>=]?:\\S");

    /**
     * What to fetch.
     *
     * @param maxRecordings at most this many recordings (null: all)
     * @param maxHours      at most this many hours of audio (null: no limit)
     * @param licences      licence codes to keep (cc0, cc-by, cc-by-sa, ...); empty keeps all
     * @param pagePause     pause between API requests
     */
    public record Options(String query, String key, Integer maxRecordings, Double maxHours, Set<String> licences,
            Path datasetsDir, String baseUrl, boolean dryRun, Duration pagePause) {
    }

    /** How a run ended. */
    public record Summary(Path folder, int selected, int fetched, int alreadyThere, List<String> failures,
            double hours) {
    }

    private final HttpDownloader http;
    private final PrintStream console;

    public XenoCantoDownload(HttpDownloader http, PrintStream console) {
        this.http = http;
        this.console = console;
    }

    /** Refuses, before any request, a query without a tag or a run without a key; says what is needed. */
    public static void check(String query, String key) {
        if (query == null || !TAG.matcher(query.trim()).find()) {
            throw new IllegalArgumentException("--query needs Xeno-canto's tag syntax, e.g. 'sp:\"turdus merula\"' "
                    + "or 'grp:birds cnt:\"united kingdom\" q:A len:5-60' (API v3 refuses untagged searches; tags: "
                    + "xeno-canto.org/help/search)");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a Xeno-canto API key is needed: give --key KEY or set "
                    + "XENO_CANTO_API_KEY. API v3 answers only with a personal key; log in at xeno-canto.org and "
                    + "find it on your account page");
        }
    }

    /** The folder name for a query: lower case, runs of other characters as one hyphen. */
    public static String slug(String query) {
        String s = query.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "query" : s.length() > 80 ? s.substring(0, 80).replaceAll("-+$", "") : s;
    }

    public Summary run(Options o) throws IOException {
        check(o.query(), o.key());
        Path folder = o.datasetsDir().resolve(FOLDER).resolve(slug(o.query()));
        Api api = new Api(o.baseUrl() != null ? o.baseUrl() : ORIGIN, o.key(), http);
        List<Recording> selected = select(api, o);
        double hours = selected.stream().mapToDouble(Recording::seconds).sum() / 3600;
        Map<String, Integer> byLicence = new TreeMap<>();
        selected.forEach(r -> byLicence.merge(r.licence(), 1, Integer::sum));
        console.printf(Locale.ROOT, "selected %d recordings, %.2f h (licences: %s) for %s%n", selected.size(), hours,
                byLicence, folder);
        if (o.dryRun() || selected.isEmpty()) {
            return new Summary(folder, selected.size(), 0, 0, List.of(), hours);
        }
        Files.createDirectories(folder);
        Manifest manifest = Manifest.read(folder);
        int fetched = 0;
        int there = 0;
        long bytes = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            Recording r = selected.get(i);
            Path target = folder.resolve(r.localName());
            if (verified(manifest.get(r.id()), target)) {
                there++;
                continue;
            }
            String label = String.format(Locale.ROOT, "[%d/%d] %s (%s, %s)", i + 1, selected.size(),
                    r.localName(), r.licence(), bytes / 1_000_000 + " MB so far");
            try {
                Files.deleteIfExists(target); // present but not verified: fetch it again
                http.download(api.fileUrl(r, ORIGIN), target, progress(label), XenoCantoDownload::decodes);
                Checksums sums = Checksums.of(target);
                long size = Files.size(target);
                bytes += size;
                manifest.put(new Manifest.Row(r, r.localName(), size, sums.sha256(), "ok"));
                fetched++;
            } catch (IOException e) {
                String reason = Reasons.of(e);
                failures.add("XC" + r.id() + ": " + reason);
                manifest.put(new Manifest.Row(r, "", -1, "", "failed: " + reason));
                console.println("XC" + r.id() + ": " + reason + " (the others go on)");
            }
        }
        return new Summary(folder, selected.size(), fetched, there, failures, hours);
    }

    private List<Recording> select(Api api, Options o) throws DownloadException {
        List<Recording> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        double seconds = 0;
        int page = 1;
        int pages = 1;
        while (page <= pages) {
            if (page > 1) {
                http.pause(o.pagePause());
            }
            Api.Page p = api.page(o.query(), page);
            if (page == 1) {
                console.printf(Locale.ROOT, "Xeno-canto: %d recordings of %d species match %s (%d page%s)%n",
                        p.numRecordings(), p.numSpecies(), o.query(), p.numPages(), p.numPages() == 1 ? "" : "s");
            }
            pages = p.numPages();
            for (Recording r : p.recordings()) {
                if (!r.downloadable() || !seen.add(r.id())
                        || !o.licences().isEmpty() && !o.licences().contains(r.licence())) {
                    continue;
                }
                if (o.maxRecordings() != null && out.size() >= o.maxRecordings()
                        || o.maxHours() != null && (seconds + r.seconds()) / 3600 > o.maxHours()) {
                    return out;
                }
                out.add(r);
                seconds += r.seconds();
            }
            page++;
        }
        return out;
    }

    private static boolean verified(Manifest.Row row, Path file) throws IOException {
        return row != null && row.ok() && Files.isRegularFile(file) && Files.size(file) == row.bytes()
                && Checksums.of(file).sha256().equalsIgnoreCase(row.sha256());
    }

    /** A recording is whole when it decodes to its end (a WAV or FLAC cut short does not). */
    private static void decodes(Path part) throws IOException {
        AudioInspection.inspect(part);
    }

    private HttpDownloader.Progress progress(String label) {
        return new io.github.soundstream.download.ProgressBar(console, label);
    }

    /** Lines for {@code download --list}: each query folder with recordings, hours and licences. */
    public static List<String> list(Path datasetsDir) throws IOException {
        Path root = datasetsDir.resolve(FOLDER);
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return lines;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path f : folders) {
            List<Manifest.Row> ok = Manifest.read(f).rows().stream().filter(Manifest.Row::ok).toList();
            double hours = ok.stream().mapToDouble(r -> r.recording().seconds()).sum() / 3600;
            Map<String, Integer> licences = new TreeMap<>();
            ok.forEach(r -> licences.merge(r.recording().licence(), 1, Integer::sum));
            lines.add(String.format(Locale.ROOT, "%-24s %6d files %8.2f h  licences %s", "xeno-canto/"
                    + f.getFileName(), ok.size(), hours, licences));
            lines.add("  soundstream train --audio-dir " + f);
        }
        return lines;
    }
}
