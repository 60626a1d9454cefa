package io.github.soundstream.download;

import java.io.IOException;

/** A download, verification or extraction that failed; the message says what and what to do. */
public final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
