package io.github.soundstream.download.xenocanto;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * One recording of an API v3 answer, with the fields the manifest keeps: catalogue number, genus, species, English
 * name, sound type, quality, length ("m:ss"), country, recordist, licence URL, page URL, file URL and the original
 * file name (whose extension names the format).
 */
record Recording(String id, String genus, String species, String englishName, String type, String quality,
        String length, String country, String recordist, String licenceUrl, String url, String file,
        String originalName) {
    private static final Set<String> AUDIO = Set.of("mp3", "wav", "flac", "ogg");

    static Recording of(JsonObject o) {
        return new Recording(text(o, "id"), text(o, "gen"), text(o, "sp"), text(o, "en"), text(o, "type"),
                text(o, "q"), text(o, "length"), text(o, "cnt"), text(o, "rec"), Licence.absolute(text(o, "lic")),
                Licence.absolute(text(o, "url")), Licence.absolute(text(o, "file")), text(o, "file-name"));
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? "" : e.getAsString().trim();
    }

    boolean downloadable() {
        return id.matches("\\d{1,12}") && !file.isEmpty();
    }

    String licence() {
        return Licence.code(licenceUrl);
    }

    /** Length in seconds from "m:ss" or "h:mm:ss"; 0 when unreadable. */
    double seconds() {
        double s = 0;
        for (String part : length.split(":")) {
            try {
                s = s * 60 + Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return s;
    }

    /** {@code XC<id>.<ext>}, the extension from the original file name (mp3 when it names none we read). */
    String localName() {
        int dot = originalName.lastIndexOf('.');
        String ext = dot >= 0 ? originalName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return "XC" + id + "." + (AUDIO.contains(ext) ? ext : "mp3");
    }
}
