package io.github.soundstream.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.soundstream.checkpoint.ConfigJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    @Test
    void theRunConfigurationIsJsonWithEveryRecordField() {
        Trainer.Setup s = TrainingFixtures.setup(Path.of("/tmp/x"), TrainingFixtures.training(10, 2, 5, 3));
        JsonObject o = JsonParser.parseString(ConfigJson.json(s.version(), s.runName(), s.sections())).getAsJsonObject();
        assertEquals("run", o.get("run").getAsString());
        assertEquals(2, o.getAsJsonObject("model").get("channels").getAsInt());
        assertEquals(4, o.getAsJsonObject("model").getAsJsonArray("strides").size());
        assertTrue(o.getAsJsonObject("data").get("audioDir").isJsonNull());
        assertEquals(3, o.getAsJsonObject("training").get("maxCheckpoints").getAsInt());
        assertEquals(0.999996, o.getAsJsonObject("training").get("lrDecay").getAsDouble());
        assertTrue(ConfigJson.markdown(s.sections()).contains("| model.channels | 2 |"));
    }
}
