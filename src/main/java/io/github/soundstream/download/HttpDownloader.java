package io.github.soundstream.download;

import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Downloads a URL to a file through {@code <file>.part}: redirects followed, an interrupted transfer resumed with a
 * Range request (or restarted when the server ignores Range), retries with exponential back-off on network errors
 * and 5xx answers, none on other 4xx; HTTP 429 waits as long as its {@code Retry-After} says (at most
 * {@value #MAX_RETRY_AFTER_MINUTES} minutes). The final name appears only when the transfer is complete and the
 * file passes the caller's check: a body that ends early without a Content-Length looks complete to HTTP, so only
 * the file's own structure (or size, or checksum) can tell. Such a file stays a {@code .part} and is resumed.
 * Messages never show an API key from the URL.
 */
public final class HttpDownloader {
    private static final long MAX_RETRY_AFTER_MINUTES = 15;

    /** Receives progress: bytes so far, total (or -1). */
    @FunctionalInterface
    public interface Progress {
        void update(long bytes, long total);
    }

    /** Says whether a downloaded file is whole; throws, with the reason, when it is not. */
    @FunctionalInterface
    public interface Check {
        void verify(Path file) throws IOException;
    }

    /** Waits between attempts; tests pass one that records the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A text answer: its status (2xx or a final 4xx) and body. */
    public record Text(int status, String body) {
    }

    /** How a request ended: with the body's stated length, with no length stated, or with nothing left to send. */
    private enum Ending {
        STATED_LENGTH, UNKNOWN_LENGTH, NOTHING_LEFT
    }

    /** One try of a request; throws to retry. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    private final HttpClient client;
    private final int attempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public HttpDownloader(int attempts, Duration firstBackoff) {
        this(attempts, firstBackoff, d -> Thread.sleep(d.toMillis()));
    }

    public HttpDownloader(int attempts, Duration firstBackoff, Sleeper sleeper) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    /** Waits {@code d} with this downloader's sleeper (a polite pause between API pages). */
    public void pause(Duration d) throws DownloadException {
        sleep(d);
    }

    public void download(String url, Path target, Progress progress) throws DownloadException {
        download(url, target, progress, file -> { });
    }

    public void download(String url, Path target, Progress progress, Check check) throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        retrying(url, () -> {
            Ending ending = transfer(url, part, progress);
            try {
                check.verify(part);
            } catch (IOException notWhole) {
                if (ending != Ending.UNKNOWN_LENGTH) {
                    Files.deleteIfExists(part); // all the origin had, and wrong: fetch it anew
                }
                throw new IOException("the file did not check out (" + Reasons.of(notWhole) + ")", notWhole);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
    }

    /** GETs a text resource (an API page) with the same retries; 2xx and final 4xx answers are returned. */
    public Text fetch(String url) throws DownloadException {
        return retrying(url, () -> {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Accept", "application/json").GET().build();
            HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            int status = resp.statusCode();
            String body = new String(resp.body(), StandardCharsets.UTF_8);
            if (status == 429) {
                throw new TooManyRequests(retryAfter(resp));
            }
            if (status >= 500) {
                throw new IOException("HTTP " + status);
            }
            return new Text(status, body);
        });
    }

    private <T> T retrying(String url, Attempt<T> attempt) throws DownloadException {
        IOException last = null;
        Duration backoff = firstBackoff;
        for (int i = 1; i <= attempts; i++) {
            Duration wait = backoff;
            try {
                return attempt.run();
            } catch (FinalHttpError e) {
                throw new DownloadException(redact(url) + ": " + e.getMessage());
            } catch (TooManyRequests e) {
                last = e;
                wait = e.wait;
            } catch (IOException e) {
                last = e;
                backoff = backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted while downloading " + redact(url), e);
            }
            if (i < attempts) {
                sleep(wait);
            }
        }
        throw new DownloadException("could not download " + redact(url) + " after " + attempts + " attempts ("
                + (last == null ? "incomplete transfer" : Reasons.of(last)) + ")", last);
    }

    /** One request; returns how the body ended, the .part file holding all that was sent. */
    private Ending transfer(String url, Path part, Progress progress) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = resp.statusCode();
        if (status == 416 && have > 0) {
            resp.body().close();
            return Ending.NOTHING_LEFT; // the .part already holds everything the origin has
        }
        if (status == 429) {
            resp.body().close();
            throw new TooManyRequests(retryAfter(resp));
        }
        if (status >= 400 && status < 500) {
            resp.body().close();
            throw new FinalHttpError("HTTP " + status + (status == 404 ? " (not found)" : ""));
        }
        if (status >= 500) {
            resp.body().close();
            throw new IOException("HTTP " + status);
        }
        boolean resumed = status == 206 && have > 0;
        if (!resumed) {
            have = 0; // the server sent the whole body: start over
        }
        OptionalLong length = resp.headers().firstValueAsLong("Content-Length");
        long total = length.isPresent() ? have + length.getAsLong() : -1;
        try (InputStream in = resp.body(); OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[1 << 16];
            long done = have;
            long lastReport = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                if (done - lastReport > (1 << 20)) {
                    progress.update(done, total);
                    lastReport = done;
                }
            }
            progress.update(done, total);
            if (total >= 0 && done < total) {
                throw new IOException("connection closed after " + done + " of " + total + " bytes");
            }
        }
        return length.isPresent() ? Ending.STATED_LENGTH : Ending.UNKNOWN_LENGTH;
    }

    /** {@code Retry-After} in seconds or as an HTTP date; 60 s when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> resp) {
        Optional<String> v = resp.headers().firstValue("Retry-After");
        Duration d = Duration.ofSeconds(60);
        if (v.isPresent()) {
            String s = v.get().trim();
            try {
                d = s.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(s))
                        : Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (java.time.format.DateTimeParseException e) {
                d = Duration.ofSeconds(60);
            }
        }
        Duration max = Duration.ofMinutes(MAX_RETRY_AFTER_MINUTES);
        return d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d;
    }

    /** The URL as it may be printed: an API key in it is replaced. */
    static String redact(String url) {
        return url.replaceAll("([?&]key=)[^&]*", "$1…");
    }

    private void sleep(Duration d) throws DownloadException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted", e);
        }
    }

    /** A 4xx answer: retrying will not help. */
    private static final class FinalHttpError extends IOException {
        private static final long serialVersionUID = 1L;

        FinalHttpError(String message) {
            super(message);
        }
    }

    /** HTTP 429: retry after the wait the server asked for. */
    private static final class TooManyRequests extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Duration wait;

        TooManyRequests(Duration wait) {
            super("HTTP 429 (too many requests; asked to wait " + wait.toSeconds() + " s)");
            this.wait = wait;
        }
    }
}
