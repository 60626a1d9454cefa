package io.github.soundstream.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one exception every audio reader and writer throws for a file it cannot handle: empty, truncated, corrupt,
 * unsupported or unreadable. It carries the path and a short reason so callers can print {@code path: reason}
 * on one line and go on with the next file. Nothing is ever replaced by noise or silence instead.
 */
public final class AudioFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String reason;

    public AudioFileException(Path path, String reason) {
        this(path, reason, null);
    }

    public AudioFileException(Path path, String reason, Throwable cause) {
        super((path == null ? "<stream>" : path.toString()) + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The file that failed, or {@code null} for an anonymous stream (stdin). */
    public Path path() {
        return path;
    }

    /** Why it failed, without the path: "truncated: 1200 of 48000 frames present". */
    public String reason() {
        return reason;
    }
}
