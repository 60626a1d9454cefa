package io.github.soundstream.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.AudioFiles;
import io.github.soundstream.audio.AudioStream;
import io.github.soundstream.audio.synth.Soundscape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {
    @TempDir
    Path dir;

    @Test
    void maskedCrcKnownAnswers() {
        byte[] len24 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(24).array();
        assertEquals(0x224B7FA3, MaskedCrc32c.of(len24, 0, 8));
        byte[] payload = HexFormat.of().parseHex("1a11" + HexFormat.of().formatHex(
                "CRC test, one two".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x5794D08A, MaskedCrc32c.of(payload, 0, payload.length));
    }

    @Test
    void recordsMatchTheReferenceBytes() {
        byte[] version = new ProtoWriter().doubleField(1, 1700000000.0).string(3, "brain.Event:2").toByteArray();
        assertEquals("1800000000000000" + "a37f4b22" + "0900000040fc54d9411a0d627261696e2e4576656e743a32"
                + "eced8f9d", HexFormat.of().formatHex(TfRecord.frame(version)));
        byte[] scalar = Summaries.event(1700000001.5, 42, Summaries.scalar("loss", 0.25f));
        assertEquals("1a00000000000000" + "129bd82d" + "0900006040fc54d941102a2a0d0a0b0a046c6f7373150000803e"
                + "7c719044", HexFormat.of().formatHex(TfRecord.frame(scalar)));
    }

    @Test
    void everyKindReadsBackInJava() throws IOException {
        float[] clip = Soundscape.generate(1, 24000, 12000);
        try (SummaryWriter w = new SummaryWriter(dir)) {
            for (int step = 0; step < 3; step++) {
                w.scalar("loss/total", step, 1.0 / (step + 1));
                w.audio("audio/clip", step, clip, 24000);
                w.text("notes", step, "step **" + step + "**");
            }
            w.scalar("loss/total", 3, Double.NaN);
            w.image("spectrogram", 0, SpectrogramImage.render(24000, clip, clip));
            w.histogram("weights", 0, new float[] {1, 2, 2, 3, 3, 3, Float.NaN});
        }
        EventFiles.Records records = EventFiles.read(EventFiles.onlyEventFile(dir));
        assertFalse(records.truncatedTail());
        List<EventFiles.Message> events = new ArrayList<>();
        for (byte[] p : records.payloads()) {
            events.add(EventFiles.decode(p));
        }
        assertEquals("brain.Event:2", events.get(0).string(3));
        List<Float> losses = new ArrayList<>();
        int audioWithMetadata = 0;
        int audioValues = 0;
        for (EventFiles.Message e : events.subList(1, events.size())) {
            double wall = e.doubleValue(1);
            assertTrue(Double.isFinite(wall) && wall > 1.7e9 && wall < 4.1e9, "wall time in seconds: " + wall);
            EventFiles.Message value = e.message(5).message(1);
            String tag = value.string(1);
            switch (tag) {
                case "loss/total" -> losses.add(value.floatValue(2));
                case "audio/clip" -> {
                    audioValues++;
                    if (value.first(9) != null) {
                        audioWithMetadata++;
                        assertEquals("audio", value.message(9).message(1).string(1));
                    }
                    byte[] wav = value.message(8).bytes(8);
                    try (AudioStream s = AudioFiles.open(new ByteArrayInputStream(wav), null)) {
                        assertEquals(24000, s.info().sampleRate());
                        assertEquals(12000, s.info().frames());
                    }
                }
                case "spectrogram" -> {
                    EventFiles.Message img = value.message(4);
                    BufferedImage png = ImageIO.read(new ByteArrayInputStream(img.bytes(4)));
                    assertEquals(img.varint(2), png.getWidth());
                    assertEquals(img.varint(1), png.getHeight());
                }
                case "weights" -> {
                    EventFiles.Message h = value.message(5);
                    assertEquals(1.0, h.doubleValue(1));
                    assertEquals(3.0, h.doubleValue(2));
                    assertEquals(6.0, h.doubleValue(3), "NaN left out of the count");
                }
                case "notes" -> assertTrue(new String(value.message(8).bytes(8), StandardCharsets.UTF_8)
                        .startsWith("step **"));
                default -> throw new AssertionError("unexpected tag " + tag);
            }
        }
        assertEquals(3, audioValues);
        assertEquals(1, audioWithMetadata, "plugin metadata on the tag's first value only");
        assertEquals(List.of(1.0f, 0.5f, 1f / 3, Float.NaN), losses, "non-finite scalars are kept");
    }

    @Test
    void tbcheckAcceptsTheFiles() throws Exception {
        float[] clip = Soundscape.generate(2, 24000, 24000);
        try (SummaryWriter w = new SummaryWriter(dir.resolve("run1"))) {
            for (int step = 0; step < 4; step++) {
                w.scalar("loss/rec", step, 10.0 / (step + 1));
                w.audio("audio/original", step, clip, 24000);
                w.image("mel/original_vs_reconstruction", step, SpectrogramImage.render(24000, clip, clip));
                w.histogram("codes/layer0", step, new float[] {0, 1, 1, 5, 7, 7, 7, 1023});
                w.text("config", step, "| key | value |\n|---|---|\n| C | 16 |");
            }
        }
        TbCheck.verify(dir, "--strict", "--min-steps", "4",
                "--expect-kind", "loss/rec=scalar", "--expect-kind", "audio/original=audio",
                "--expect-kind", "mel/original_vs_reconstruction=image",
                "--expect-kind", "codes/layer0=histogram", "--expect-kind", "config=text");
    }

    @Test
    void flushMakesRecordsVisibleWithoutClosing() throws IOException {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.scalar("a", 1, 2.0);
            w.flush();
            assertEquals(2, EventFiles.read(w.file()).payloads().size());
        }
    }

    @Test
    void twoWritersInOneRunMakeTwoFilesInCreationOrder() throws Exception {
        Path a;
        Path b;
        try (SummaryWriter w = new SummaryWriter(dir)) {
            a = w.file();
            for (int s = 0; s < 10; s++) {
                w.scalar("loss", s, s);
            }
        }
        // a resumed run starts a new file and goes on from its checkpoint's step
        try (SummaryWriter w = new SummaryWriter(dir)) {
            b = w.file();
            for (int s = 5; s < 15; s++) {
                w.scalar("loss", s, -s);
            }
        }
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().compareTo(b.getFileName().toString()) < 0, "names sort by creation");
        assertEquals(11, EventFiles.read(a).payloads().size());
        assertEquals(11, EventFiles.read(b).payloads().size());
        TbCheck.verify(dir, "--expect-kind", "loss=scalar");
    }

    @Test
    void aTruncatedTailLosesOnlyTheLastRecord() throws Exception {
        Path file;
        try (SummaryWriter w = new SummaryWriter(dir)) {
            file = w.file();
            for (int s = 0; s < 5; s++) {
                w.scalar("loss", s, s);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        EventFiles.Records records = EventFiles.read(file);
        assertTrue(records.truncatedTail());
        assertEquals(5, records.payloads().size(), "version record and 4 of 5 scalars");
        TbCheck.verify(dir, "--expect-kind", "loss=scalar"); // a truncated tail is only a warning
    }

    @Test
    void histogramBucketsAreConsistent() {
        Histogram h = Histogram.of(new float[] {0, 0.5f, 1, 1, 2, Float.POSITIVE_INFINITY}, 4);
        assertEquals(5, h.count());
        assertEquals(1, h.nonFinite());
        assertArrayEquals(new double[] {0.5, 1.0, 1.5, 2.0}, h.bucketLimits());
        assertArrayEquals(new double[] {2, 2, 0, 1}, h.bucketCounts());
        Histogram constant = Histogram.of(new float[] {3, 3}, 30);
        assertArrayEquals(new double[] {3}, constant.bucketLimits());
        assertArrayEquals(new double[] {2}, constant.bucketCounts());
    }
}
