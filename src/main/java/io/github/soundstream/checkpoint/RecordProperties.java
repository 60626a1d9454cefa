package io.github.soundstream.checkpoint;

import io.github.soundstream.config.Records;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Writes a configuration record's components as {@code prefix.name=value} properties and reads them back, so each
 * checkpoint carries its configurations in plain text. Handles the component types our configs use.
 */
final class RecordProperties {
    private RecordProperties() {
    }

    static void write(String prefix, Record record, Properties out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v = Records.component(c, record);
            String key = prefix + "." + c.getName();
            if (v == null) {
                out.setProperty(key, "");
            } else if (v instanceof List<?> list) {
                out.setProperty(key, String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                out.setProperty(key, String.valueOf(v));
            }
        }
    }

    /** Reads a {@code type} record from {@code prefix.*} keys; a missing key takes {@code defaults}' value. */
    static <R extends Record> R read(String prefix, Class<R> type, Properties in, Record defaults) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String key = prefix + "." + c.getName();
            String s = in.getProperty(key);
            args[i] = s == null ? Records.component(c, defaults) : parse(c, s, key);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String m = String.valueOf(cause.getMessage());
            // the records' own checks say "invalid <config>: <field> = <value>, must be ..."
            throw new IllegalArgumentException(m.startsWith("invalid ") ? m : "invalid " + prefix + " in checkpoint: "
                    + m, cause);
        }
    }

    private static Object parse(RecordComponent c, String s, String key) {
        Class<?> type = c.getType();
        try {
            if (type == int.class) {
                return Integer.parseInt(s);
            } else if (type == long.class) {
                return Long.parseLong(s);
            } else if (type == double.class) {
                return Double.parseDouble(s);
            } else if (type == boolean.class) {
                return Boolean.parseBoolean(s);
            } else if (type == String.class) {
                return s;
            } else if (type == Path.class) {
                return s.isEmpty() ? null : Path.of(s);
            } else if (type == List.class) {
                boolean strings = c.getGenericType() instanceof java.lang.reflect.ParameterizedType t
                        && t.getActualTypeArguments()[0] == String.class;
                List<Object> list = new ArrayList<>();
                Arrays.stream(s.split(",")).filter(x -> !x.isBlank())
                        .forEach(x -> list.add(strings ? x.trim() : Integer.valueOf(Integer.parseInt(x.trim()))));
                return list;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value for " + key + ": " + s, e);
        }
        throw new IllegalArgumentException("unsupported config field type " + type + " for " + key);
    }
}
