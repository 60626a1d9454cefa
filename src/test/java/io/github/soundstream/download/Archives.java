package io.github.soundstream.download;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small archives in memory for the download tests. */
public final class Archives {
    private Archives() {
    }

    static byte[] wav(int seed) {
        float[] x = new float[80];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.3 + seed) * 0.5f;
        }
        return WavWriter.encode(x, 8000, WavFormat.PCM_16);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tarGz(Map<String, byte[]> files, Map<String, String> symlinks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
            for (var e : symlinks.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(e.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** One tar entry: a directory, a file, a symbolic link or a hard link, in archive order. */
    record TarItem(String name, byte type, String linkTo, byte[] data) {
        static TarItem dir(String name) {
            return new TarItem(name, TarArchiveEntry.LF_DIR, null, null);
        }

        static TarItem file(String name, byte[] data) {
            return new TarItem(name, TarArchiveEntry.LF_NORMAL, null, data);
        }

        static TarItem symlink(String name, String to) {
            return new TarItem(name, TarArchiveEntry.LF_SYMLINK, to, null);
        }

        static TarItem hardLink(String name, String to) {
            return new TarItem(name, TarArchiveEntry.LF_LINK, to, null);
        }
    }

    static byte[] tarGz(List<TarItem> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (TarItem item : items) {
                TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type());
                if (item.linkTo() != null) {
                    entry.setLinkName(item.linkTo());
                }
                if (item.data() != null) {
                    entry.setSize(item.data().length);
                }
                tar.putArchiveEntry(entry);
                if (item.data() != null) {
                    tar.write(item.data());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The archive a hostile trial used: links the archive makes itself, then a file written through them. */
    public static byte[] linkChainArchive() throws IOException {
        return Archives.tarGz(List.of(TarItem.dir("x/y/"), TarItem.symlink("x/y/p", ".."),
                TarItem.symlink("x/y/p/y/w", "../../../.."),
                TarItem.file("x/y/w/pwn/ESCAPED.txt", text("escaped")),
                TarItem.hardLink("x/y/hard", "../../../../outside.txt"),
                TarItem.hardLink("x/y/hard2", "x/y/w/pwn/ESCAPED.txt")));
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
