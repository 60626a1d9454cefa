package io.github.soundstream.train;

import com.google.gson.JsonObject;
import io.github.soundstream.config.Json;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run's configuration as JSON (written to the run directory) and as a Markdown table (for TensorBoard). */
public final class ConfigJson {
    private ConfigJson() {
    }

    static Map<String, Record> sections(Trainer.Setup s) {
        Map<String, Record> m = new LinkedHashMap<>();
        m.put("model", s.model());
        m.put("discriminators", s.discriminators());
        m.put("data", s.data());
        m.put("training", s.training());
        return m;
    }

    public static String json(Trainer.Setup s) {
        JsonObject o = new JsonObject();
        o.addProperty("version", s.version());
        o.addProperty("run", s.runName());
        sections(s).forEach((name, section) -> o.add(name, Json.tree(section)));
        return Json.pretty(o);
    }

    static String markdown(Trainer.Setup s) {
        StringBuilder b = new StringBuilder("| setting | value |\n|---|---|\n");
        for (Map.Entry<String, Record> e : sections(s).entrySet()) {
            for (RecordComponent c : e.getValue().getClass().getRecordComponents()) {
                b.append("| ").append(e.getKey()).append('.').append(c.getName()).append(" | ")
                        .append(read(c, e.getValue())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
