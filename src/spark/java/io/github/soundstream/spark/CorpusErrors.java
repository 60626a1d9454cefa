package io.github.soundstream.spark;

import io.github.soundstream.files.Reasons;

/** One-line errors that name their file, as the CLI prints them. */
final class CorpusErrors {
    private CorpusErrors() {
    }

    static String line(String path, Throwable e) {
        String reason = Reasons.of(e);
        return reason.startsWith(path) ? reason : path + ": " + reason;
    }
}
