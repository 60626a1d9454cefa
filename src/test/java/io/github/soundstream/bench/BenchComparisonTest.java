package io.github.soundstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchComparisonTest {
    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Test
    void eachFigureBothRunsHoldIsAMultipleOrientedSoThatAboveOneIsBetter() {
        JsonObject now = json("{\"whole_encode_x_rt\": 30, \"whole_decode_x_rt\": 10, \"codec_peak_rss_mb\": 800,"
                + " \"training\": {\"seconds_per_step\": 2.0}}");
        JsonObject before = json("{\"whole_encode_x_rt\": 10, \"whole_decode_x_rt\": 20, \"codec_peak_rss_mb\": 400,"
                + " \"stream_encode_x_rt\": 3, \"training\": null}");
        assertEquals(List.of("whole-file encode (× real time): 30.00 vs 10.00: 3.00× better",
                "whole-file decode (× real time): 10.00 vs 20.00: 2.00× worse",
                "codec peak RSS (MB): 800.0 vs 400.0: 2.00× worse"), BenchComparison.lines(now, before));
    }

    @Test
    void aRunWithOtherConvolutionsSaysSoFirst() {
        JsonObject now = json("{\"whole_encode_x_rt\": 30, \"precision\": \"bf16\"}");
        JsonObject before = json("{\"whole_encode_x_rt\": 15}");
        assertEquals(List.of("convolutions: bf16 vs fp32", "whole-file encode (× real time): 30.00 vs 15.00: 2.00× better"),
                BenchComparison.lines(now, before));
        assertEquals(1, BenchComparison.lines(now, json("{\"whole_encode_x_rt\": 15, \"precision\": \"bf16\"}"))
                .size());
    }
}
