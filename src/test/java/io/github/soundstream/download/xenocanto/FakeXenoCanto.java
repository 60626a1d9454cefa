package io.github.soundstream.download.xenocanto;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking Xeno-canto's API v3 shape: {@code /api/3/recordings} pages a catalogue for one key,
 * files under {@code /<id>/download} (as the real file URLs), with misbehaviours on demand: 429 with Retry-After,
 * a file that is gone, a file cut short, a wrong key answered with an error object.
 */
public final class FakeXenoCanto implements AutoCloseable {
    public static final String KEY = "test-key-123";

    /** A recording in the fake catalogue. */
    public record Entry(int id, String genus, String species, String en, String licence, int seconds, byte[] audio) {
    }

    private final HttpServer server;
    public final List<Entry> catalogue = new ArrayList<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> fileRequests = new ConcurrentHashMap<>();
    final java.util.Set<Integer> missing = ConcurrentHashMap.newKeySet();
    /** Files whose every response is cut after half the body (Content-Length stated). */
    final java.util.Set<Integer> cutAlways = ConcurrentHashMap.newKeySet();
    /** Files whose first response is cut after half the body. */
    final java.util.Set<Integer> cutOnce = ConcurrentHashMap.newKeySet();
    volatile int tooManyRequestsOnPage = -1;
    volatile int perPage = 2;

    public FakeXenoCanto() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestURI().toString());
        if (path.equals("/api/3/recordings")) {
            api(ex, query(ex.getRequestURI().getRawQuery()));
        } else if (path.matches("/\\d+/download")) {
            file(ex, Integer.parseInt(path.split("/")[1]));
        } else {
            send(ex, 404, new byte[0], null);
        }
    }

    private void api(HttpExchange ex, Map<String, String> q) throws IOException {
        if (!KEY.equals(q.get("key"))) {
            JsonObject error = new JsonObject();
            error.addProperty("error", "unauthorized");
            error.addProperty("message", "Invalid or missing API key");
            send(ex, 401, error.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        if (page == tooManyRequestsOnPage) {
            tooManyRequestsOnPage = -1;
            ex.getResponseHeaders().add("Retry-After", "7");
            send(ex, 429, new byte[0], null);
            return;
        }
        List<Entry> matching = catalogue.stream().filter(e -> q.getOrDefault("query", "").contains(e.genus()
                .toLowerCase(java.util.Locale.ROOT)) || q.getOrDefault("query", "").contains("grp:birds")).toList();
        int pages = Math.max(1, (matching.size() + perPage - 1) / perPage);
        JsonObject o = new JsonObject();
        o.addProperty("numRecordings", Integer.toString(matching.size()));
        o.addProperty("numSpecies", Long.toString(matching.stream().map(Entry::species).distinct().count()));
        o.addProperty("page", page);
        o.addProperty("numPages", pages);
        JsonArray recs = new JsonArray();
        for (Entry e : matching.subList(Math.min(matching.size(), (page - 1) * perPage),
                Math.min(matching.size(), page * perPage))) {
            JsonObject r = new JsonObject();
            r.addProperty("id", Integer.toString(e.id()));
            r.addProperty("gen", e.genus());
            r.addProperty("sp", e.species());
            r.addProperty("en", e.en());
            r.addProperty("grp", "birds");
            r.addProperty("type", "song");
            r.addProperty("q", "A");
            r.addProperty("length", e.seconds() / 60 + ":" + String.format("%02d", e.seconds() % 60));
            r.addProperty("cnt", "United Kingdom");
            r.addProperty("rec", "Recordist, With \"Comma\"");
            r.addProperty("lic", "//creativecommons.org/licenses/" + e.licence() + "/4.0/");
            r.addProperty("url", "//xeno-canto.org/" + e.id());
            r.addProperty("file", "https://xeno-canto.org/" + e.id() + "/download");
            r.addProperty("file-name", "XC" + e.id() + "-original name.wav");
            recs.add(r);
        }
        o.add("recordings", recs);
        send(ex, 200, o.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private void file(HttpExchange ex, int id) throws IOException {
        fileRequests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        Entry e = catalogue.stream().filter(x -> x.id() == id).findFirst().orElse(null);
        if (e == null || missing.contains(id)) {
            send(ex, 404, new byte[0], null);
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        byte[] body = e.audio();
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            if (cutAlways.contains(id) || cutOnce.remove(id)) {
                out.write(body, from, (body.length - from) / 2);
                out.flush();
                throw new IOException("simulated cut");
            }
            out.write(body, from, body.length - from);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String kv : raw == null ? new String[0] : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
