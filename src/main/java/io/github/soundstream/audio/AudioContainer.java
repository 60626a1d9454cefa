package io.github.soundstream.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats we decode, recognised by their first bytes and, failing that, by file extension. */
public enum AudioContainer {
    WAV("wav", "wave"),
    FLAC("flac"),
    MP3("mp3"),
    OGG("ogg", "oga");

    /** Bytes needed by {@link #sniff(byte[], int)}. */
    static final int SNIFF_BYTES = 12;

    private final String[] extensions;

    AudioContainer(String... extensions) {
        this.extensions = extensions;
    }

    /** The container a file name's extension stands for, matched case-insensitively. */
    public static Optional<AudioContainer> fromFileName(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (AudioContainer c : values()) {
            for (String e : c.extensions) {
                if (e.equals(ext)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** The container whose signature starts {@code head}, if any; content wins over a misleading extension. */
    static Optional<AudioContainer> sniff(byte[] head, int len) {
        String tag = len >= 4 ? new String(head, 0, 4, StandardCharsets.ISO_8859_1) : "";
        if ((tag.equals("RIFF") || tag.equals("RF64")) && len >= 12
                && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")) {
            return Optional.of(WAV);
        }
        if (tag.equals("fLaC")) {
            return Optional.of(FLAC);
        }
        if (tag.equals("OggS")) {
            return Optional.of(OGG);
        }
        if (tag.startsWith("ID3") || len >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    /** Opens a decoder of this format over a buffered stream (mark/reset not needed). */
    AudioStream open(InputStream in, Path label) throws IOException {
        return switch (this) {
            case WAV -> WavReader.open(in, label);
            case FLAC -> new FlacReader(in, label);
            case MP3 -> new Mp3Reader(in, label);
            case OGG -> new OggVorbisReader(in, label);
        };
    }

    static String supportedList() {
        return "wav, flac, mp3, ogg";
    }

    static byte[] readHead(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        return head;
    }

    public String displayName() {
        return this == OGG ? "Ogg" : name();
    }

    static String extensionOf(Path path) {
        String s = String.valueOf(path.getFileName());
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot).toLowerCase(Locale.ROOT);
    }
}
