package io.github.soundstream.checkpoint;

import com.google.gson.JsonObject;
import io.github.soundstream.config.Json;
import io.github.soundstream.config.Records;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** The run's configuration as JSON (written to the run directory) and as a Markdown table (for TensorBoard). */
public final class ConfigJson {
    private ConfigJson() {
    }

    public static String json(String version, String runName, Map<String, Record> sections) {
        JsonObject o = new JsonObject();
        o.addProperty("version", version);
        o.addProperty("run", runName);
        sections.forEach((name, section) -> o.add(name, Json.tree(section)));
        return Json.pretty(o);
    }

    public static String markdown(Map<String, Record> sections) {
        StringBuilder b = new StringBuilder("| setting | value |\n|---|---|\n");
        for (Map.Entry<String, Record> e : sections.entrySet()) {
            for (RecordComponent c : e.getValue().getClass().getRecordComponents()) {
                b.append("| ").append(e.getKey()).append('.').append(c.getName()).append(" | ")
                        .append(Records.component(c, e.getValue())).append(" |\n");
            }
        }
        return b.toString();
    }
}
