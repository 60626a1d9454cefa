package io.github.soundstream.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.nio.file.Path;

/**
 * The project's JSON (configurations, evaluation and benchmark reports), all through Gson: records as objects,
 * paths as strings, and numbers that are not finite as {@code null}, since JSON has no NaN.
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .registerTypeHierarchyAdapter(Path.class, (JsonSerializer<Path>) (p, t, c) -> new JsonPrimitive(p.toString()))
            .create();

    private Json() {
    }

    /** A record (or any value) as a JSON tree. */
    public static JsonElement tree(Object value) {
        return GSON.toJsonTree(value);
    }

    /** A number, or null when it is NaN or infinite. */
    public static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    /** Indented text ending in a newline. */
    public static String pretty(JsonElement e) {
        return GSON.toJson(e) + "\n";
    }
}
