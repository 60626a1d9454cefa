package io.github.soundstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.soundstream.audio.WavFormat;
import io.github.soundstream.audio.WavWriter;
import io.github.soundstream.audio.synth.Soundscape;
import io.github.soundstream.engine.EngineSetup;
import io.github.soundstream.train.TestCheckpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCliTest {
    @TempDir
    Path dir;

    @Test
    void writesASelfContainedReportAndJson() throws IOException {
        EngineSetup.configure(2);
        Path ck = TestCheckpoints.micro(dir.resolve("train"), 1);
        Path audio = Files.createDirectories(dir.resolve("audio"));
        for (int i = 0; i < 3; i++) {
            WavWriter.write(audio.resolve("s" + i + ".wav"), Soundscape.generate(i, 8000, 8000), 8000, WavFormat.PCM_16);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SoundStreamCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        int code = cl.execute("eval", "--checkpoint", ck.toString(), "--audio-dir", audio.toString(), "--bitrates",
                "0.1,0.4", "--num-samples", "2", "--unquantized", "--report", html.toString(), "--json",
                json.toString());
        assertEquals(0, code, err.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("data:audio/wav;base64,") && page.contains("data:image/png"));
        assertFalse(page.contains("http://") && !page.contains("http://www.w3.org/2000/svg"), "no external resources");
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").contains("http"), "opens offline");
        String j = Files.readString(json);
        assertTrue(j.contains("\"achieved_kbps\"") && j.contains("\"layers\"") && j.contains("\"tonal_peak_f1\"")
                && j.contains("\"steady_lines\"") && j.contains("\"pitch_agreement\"")
                && j.contains("\"tone_level_db\""), j);
        assertTrue(page.contains("pitch agreement vs bitrate") && !page.contains("NaN"), "a clip without pitch "
                + "leaves no mark, not a broken one");
        assertTrue(out.toString().contains("report: " + html), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("no RVQ  ")), out.toString());
        assertTrue(page.contains("<td>no quantizer</td><td>–</td>"), "the network without its quantizer, no bitrate");
        com.google.gson.JsonObject parsed = com.google.gson.JsonParser.parseString(j).getAsJsonObject();
        double unquantizedMel = parsed.getAsJsonObject("unquantized").get("mel_distance").getAsDouble();
        assertEquals(2, parsed.getAsJsonArray("unquantized_files").size(), "one row per file");
        com.google.gson.JsonArray summary = parsed.getAsJsonArray("summary");
        for (int b = 0; b < summary.size(); b++) {
            assertTrue(Math.abs(unquantizedMel - summary.get(b).getAsJsonObject().get("mel_distance").getAsDouble())
                    > 1e-6, "the quantizer changes the decoded audio at every bitrate: " + j);
        }

        // files at once: the same figures per file, in the same order (only the speeds may differ)
        Path json2 = dir.resolve("r2.json");
        Files.write(audio.resolve("s3.wav"), new byte[] {1, 2, 3});
        int code2 = cl.execute("eval", "--checkpoint", ck.toString(), "--audio-dir", audio.toString(), "--bitrates",
                "0.1,0.4", "--num-samples", "4", "--jobs", "2", "--report", dir.resolve("r2.html").toString(),
                "--json", json2.toString());
        assertEquals(1, code2, "the unreadable file fails alone");
        assertTrue(err.toString().contains("s3.wav"), err.toString());
        String once = withoutSpeeds(Files.readString(json2));
        for (String file : new String[] {"s0.wav", "s1.wav"}) {
            assertTrue(once.contains(file), once);
        }
        assertTrue(once.indexOf("s0.wav") < once.indexOf("s1.wav") && once.indexOf("s1.wav") < once.indexOf("s2.wav"),
                "files keep their order");
        Path json1 = dir.resolve("r1.json");
        assertEquals(1, cl.execute("eval", "--checkpoint", ck.toString(), "--audio-dir", audio.toString(),
                "--bitrates", "0.1,0.4", "--num-samples", "4", "--jobs", "1", "--report",
                dir.resolve("r1.html").toString(), "--json", json1.toString()));
        assertEquals(withoutSpeeds(Files.readString(json1)), once);
    }

    private static String withoutSpeeds(String json) {
        return json.replaceAll("\"(encode|decode)_x_realtime\"\\s*:\\s*[^,\\n}]+", "");
    }
}
