package io.github.soundstream.download;

import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Downloads a URL to a file through {@code <file>.part}: redirects followed, an interrupted transfer resumed with a
 * Range request (or restarted when the server ignores Range), retries with exponential back-off on network errors
 * and 5xx answers, none on 4xx. The final name appears only when the transfer is complete and the file passes the
 * caller's check: a body that ends early without a Content-Length looks complete to HTTP, so only the file's own
 * structure (or size, or checksum) can tell. Such a file stays a {@code .part} and is resumed.
 */
public final class HttpDownloader {
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

    /** How a request ended: with the body's stated length, with no length stated, or with nothing left to send. */
    private enum Ending {
        STATED_LENGTH, UNKNOWN_LENGTH, NOTHING_LEFT
    }

    private final HttpClient client;
    private final int attempts;
    private final Duration firstBackoff;

    public HttpDownloader(int attempts, Duration firstBackoff) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    public void download(String url, Path target, Progress progress) throws DownloadException {
        download(url, target, progress, file -> { });
    }

    public void download(String url, Path target, Progress progress, Check check) throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        IOException last = null;
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
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
                return;
            } catch (FinalHttpError e) {
                throw new DownloadException(url + ": " + e.getMessage());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted while downloading " + url, e);
            }
            if (attempt < attempts) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new DownloadException("could not download " + url + " after " + attempts + " attempts ("
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

    private static void sleep(Duration d) throws DownloadException {
        try {
            Thread.sleep(d.toMillis());
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
}
