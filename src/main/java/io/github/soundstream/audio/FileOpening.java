package io.github.soundstream.audio;

import io.github.soundstream.files.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a file for a decoder, turning the JDK's assorted I/O exceptions into one clear {@link AudioFileException}. */
final class FileOpening {
    private FileOpening() {
    }

    static InputStream open(Path path) throws AudioFileException {
        WavReader.checkReadable(path);
        try {
            if (Files.size(path) == 0) {
                throw new AudioFileException(path, "empty file");
            }
            return Files.newInputStream(path);
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot read: " + Reasons.of(e), e);
        }
    }
}
