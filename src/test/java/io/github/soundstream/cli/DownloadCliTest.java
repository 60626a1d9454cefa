package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `download esc50` against a loopback mirror serving an archive shaped like ESC-50 (2,000 short WAV clips). */
class DownloadCliTest {
    @TempDir
    Path dir;

    @Test
    void esc50FromAMirrorThenList() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 2000; i++) {
                zip.putNextEntry(new ZipEntry("ESC-50-master/audio/1-" + i + "-A-" + (i % 50) + ".wav"));
                zip.write(WavWriter.encode(new float[] {0.1f * (i % 7), -0.2f, 0.3f}, 44100, WavFormat.PCM_16));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("ESC-50-master/meta/esc50.csv"));
            zip.write("filename,fold,target,category\n".getBytes());
            zip.closeEntry();
        }
        byte[] archive = bytes.toByteArray();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/esc/ESC-50-master.zip", ex -> {
            ex.sendResponseHeaders(200, archive.length);
            try (var out = ex.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = SoundStreamCommand.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("download", "--esc50", "--dir", dir.toString(), "--base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/esc");
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("soundstream train --audio-dir " + dir.resolve("ESC-50-master/audio")),
                    out.toString());
            StringWriter listing = new StringWriter();
            CommandLine cl2 = SoundStreamCommand.newCommandLine();
            cl2.setOut(new PrintWriter(listing, true));
            assertEquals(0, cl2.execute("download", "--list", "--dir", dir.toString()));
            assertTrue(listing.toString().contains("ESC-50") && listing.toString().contains("2000 files"),
                    listing.toString());
            assertTrue(listing.toString().contains("WAV PCM 16-bit"), listing.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aHostileHandFetchedArchiveWritesNothingOutsideDir() throws IOException {
        Path datasets = dir.resolve("D");
        Files.createDirectories(datasets);
        Files.write(datasets.resolve("UrbanSound8K.tar.gz"), io.github.soundstream.download.Archives.linkChainArchive());
        CliRunner.Result r = CliRunner.run("download", "urbansound8k", "--dir", datasets.toString());
        assertEquals(1, r.code(), r.err());
        assertFalse(Files.exists(dir.resolve("pwn")), "nothing beside --dir");
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("UrbanSound8K.tar.gz"), r.err());
        try (var s = Files.list(datasets)) {
            assertEquals(List.of("UrbanSound8K.tar.gz"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void unknownDatasetIsAUsageError() {
        CommandLine cl = SoundStreamCommand.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl.execute("download", "birdsong-of-the-world", "--dir", dir.toString()));
        assertEquals(2, cl.execute("download", "--dir", dir.toString()));
    }
}
