package io.github.soundstream.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.soundstream.download.DownloadException;
import io.github.soundstream.download.HttpDownloader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures without a message still read as words: never "(null)". */
class ReasonsTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        String url = "http://127.0.0.1:" + port + "/x.zip";
        DownloadException e = assertThrows(DownloadException.class, () -> new HttpDownloader(2, Duration.ZERO)
                .download(url, dir.resolve("x.zip"), (a, b) -> { }));
        assertEquals("could not download " + url + " after 2 attempts (connection refused)", e.getMessage());
    }

    @Test
    void aReasonAboutASubjectNamesItOnce() {
        assertEquals("a.wav: disk full", Reasons.about("a.wav", new java.io.IOException("disk full")));
        assertEquals("a.wav: truncated", Reasons.about("a.wav", new java.io.IOException("a.wav: truncated")));
        assertEquals("a.wav: null pointer exception", Reasons.about("a.wav", new NullPointerException()));
    }

    @Test
    void messagelessExceptionsAreNamedByWhatTheyAre() {
        assertEquals("null pointer exception", Reasons.of(new NullPointerException()));
        assertEquals("permission denied", Reasons.of(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("disk full", Reasons.of(new java.io.IOException(new java.io.IOException("disk full"))));
        assertEquals("unexpected end of file", Reasons.of(new java.io.EOFException()));
        assertFalse(Reasons.of(new IllegalStateException()).contains("null"));
    }
}
