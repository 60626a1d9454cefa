package io.github.soundstream.download.xenocanto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.soundstream.download.DownloadException;
import io.github.soundstream.download.HttpDownloader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Xeno-canto's API version 3: {@code GET <origin>/api/3/recordings?query=Q&key=K&page=N&per_page=M}, answering
 * {@code numRecordings}, {@code numSpecies}, {@code page}, {@code numPages} and {@code recordings}; a refused
 * request (a wrong key, an untagged query) is a 4xx with an error object whose message is shown.
 */
final class Api {
    /** Results per page: the most v3 allows, so a query costs as few requests as possible. */
    static final int PER_PAGE = 500;

    /** One page of results. */
    record Page(long numRecordings, long numSpecies, int page, int numPages, List<Recording> recordings) {
    }

    private final String origin;
    private final String key;
    private final HttpDownloader http;

    Api(String origin, String key, HttpDownloader http) {
        this.origin = origin.replaceAll("/+$", "");
        this.key = key;
        this.http = http;
    }

    Page page(String query, int page) throws DownloadException {
        String url = origin + "/api/3/recordings?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&page=" + page + "&per_page=" + PER_PAGE;
        HttpDownloader.Text answer = http.fetch(url);
        JsonObject o = parse(answer.body());
        if (answer.status() >= 400) {
            String reason = o == null ? "HTTP " + answer.status() : message(o, answer.status());
            boolean keyProblem = answer.status() == 401 || answer.status() == 403
                    || reason.toLowerCase(java.util.Locale.ROOT).contains("key");
            throw new DownloadException("Xeno-canto refused the query: " + reason + (keyProblem
                    ? ". Check --key (or XENO_CANTO_API_KEY): your key is on your account page at xeno-canto.org"
                    : ""));
        }
        if (o == null || !o.has("recordings") || !o.get("recordings").isJsonArray()) {
            throw new DownloadException("Xeno-canto's answer to page " + page + " is not a list of recordings");
        }
        List<Recording> recordings = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("recordings")) {
            if (e.isJsonObject()) {
                recordings.add(Recording.of(e.getAsJsonObject()));
            }
        }
        return new Page(number(o, "numRecordings"), number(o, "numSpecies"), (int) number(o, "page"),
                (int) Math.max(1, number(o, "numPages")), recordings);
    }

    /** The file URL at this origin: with {@code --base-url}, downloads go to the mirror too. */
    String fileUrl(Recording r, String officialOrigin) {
        return r.file().startsWith(officialOrigin) ? origin + r.file().substring(officialOrigin.length()) : r.file();
    }

    private static JsonObject parse(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String message(JsonObject o, int status) {
        JsonElement error = o.get("error");
        String code = error != null && error.isJsonPrimitive() ? error.getAsString() : "";
        JsonElement message = o.get("message");
        if ((message == null || !message.isJsonPrimitive()) && error != null && error.isJsonObject()) {
            message = error.getAsJsonObject().get("message");
        }
        String text = message != null && message.isJsonPrimitive() ? message.getAsString() : "";
        String both = (code + (code.isEmpty() || text.isEmpty() ? "" : ": ") + text).trim();
        return "HTTP " + status + (both.isEmpty() ? "" : " (" + both + ")");
    }

    private static long number(JsonObject o, String name) {
        try {
            JsonElement e = o.get(name);
            return e == null || !e.isJsonPrimitive() ? 0 : Long.parseLong(e.getAsString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
