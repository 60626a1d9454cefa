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
                "0.1,0.4", "--num-samples", "2", "--report", html.toString(), "--json", json.toString());
        assertEquals(0, code, err.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("data:audio/wav;base64,") && page.contains("data:image/png"));
        assertFalse(page.contains("http://") && !page.contains("http://www.w3.org/2000/svg"), "no external resources");
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").contains("http"), "opens offline");
        String j = Files.readString(json);
        assertTrue(j.contains("\"achieved_kbps\"") && j.contains("\"layers\"") && j.contains("\"tonal_peak_f1\"")
                && j.contains("\"steady_lines\""), j);
        assertTrue(out.toString().contains("report: " + html), out.toString());
    }
}
