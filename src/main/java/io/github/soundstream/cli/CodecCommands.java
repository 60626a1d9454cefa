package io.github.soundstream.cli;

import io.github.soundstream.audio.AudioFileException;
import io.github.soundstream.checkpoint.CheckpointStore;
import io.github.soundstream.codec.BitstreamReader;
import io.github.soundstream.codec.ModelFingerprint;
import io.github.soundstream.codec.SoundStreamCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What encode and decode share: loading a checkpoint, finding one for a bitstream, one-line error messages. */
final class CodecCommands {
    private CodecCommands() {
    }

    static SoundStreamCodec load(Path checkpoint) throws IOException {
        try {
            return SoundStreamCodec.load(checkpoint);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new IOException(m != null && m.startsWith(checkpoint.toString()) ? m : checkpoint + ": " + m, e);
        }
    }

    /** The newest checkpoint in {@code dir} whose model fingerprint matches the first input bitstream. */
    static Path findCheckpointFor(List<CodecJobs.Job> jobs, Path dir) throws IOException {
        CodecJobs.Job first = jobs.stream().filter(j -> !j.fromStdin()).findFirst().orElseThrow(() ->
                new IOException("decoding stdin needs --checkpoint"));
        int wanted;
        try (InputStream in = Files.newInputStream(first.input())) {
            wanted = new BitstreamReader(in).header().fingerprint();
        } catch (IOException e) {
            throw new IOException(first.input() + ": " + e.getMessage(), e);
        }
        List<Path> candidates = new ArrayList<>(new CheckpointStore(dir).list());
        Collections.reverse(candidates);
        for (Path ck : candidates) {
            try (SoundStreamCodec c = SoundStreamCodec.load(ck)) {
                if (c.fingerprint() == wanted) {
                    return ck;
                }
            } catch (IOException e) {
                // damaged or foreign checkpoint: try the next
            }
        }
        throw new IOException("no --checkpoint given and no checkpoint in " + dir + " has model "
                + ModelFingerprint.hex(wanted) + " that " + first.input() + " was encoded with");
    }

    static String reasonLine(Path input, Exception e) {
        if (e instanceof AudioFileException) {
            return e.getMessage();
        }
        String name = input == null ? "<stdin>" : input.toString();
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.startsWith(name) ? m : name + ": " + m;
    }
}
