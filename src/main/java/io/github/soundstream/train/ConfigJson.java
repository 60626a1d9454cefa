package io.github.soundstream.train;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
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
        StringBuilder b = new StringBuilder("{\n  \"version\": ").append(quote(s.version()))
                .append(",\n  \"run\": ").append(quote(s.runName()));
        for (Map.Entry<String, Record> e : sections(s).entrySet()) {
            b.append(",\n  ").append(quote(e.getKey())).append(": {");
            String sep = "\n    ";
            for (RecordComponent c : e.getValue().getClass().getRecordComponents()) {
                b.append(sep).append(quote(c.getName())).append(": ").append(value(read(c, e.getValue())));
                sep = ",\n    ";
            }
            b.append("\n  }");
        }
        return b.append("\n}\n").toString();
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

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(ConfigJson::value).toList()) + "]";
        }
        return quote(v.toString());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
