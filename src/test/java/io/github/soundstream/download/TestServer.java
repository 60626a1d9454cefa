package io.github.soundstream.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server serving byte arrays by path, with misbehaviours on demand: cut the first response after
 * half its body, ignore Range requests. Records each request's Range header.
 */
final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    volatile boolean cutFirstResponse;
    volatile boolean ignoreRange;
    /** The first response states no length and ends, as if complete, after half its body. */
    volatile boolean endFirstResponseEarlyWithoutLength;

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
    }

    void put(String name, byte[] body) {
        files.put("/mirror/" + name, body);
    }

    private void handle(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        byte[] body = files.get(ex.getRequestURI().getPath());
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        if (range != null && !ignoreRange) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        if (endFirstResponseEarlyWithoutLength) {
            endFirstResponseEarlyWithoutLength = false;
            ex.sendResponseHeaders(from > 0 ? 206 : 200, 0); // chunked: no Content-Length
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, from, (body.length - from) / 2);
            }
            return;
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            if (cutFirstResponse) {
                cutFirstResponse = false;
                out.write(body, from, (body.length - from) / 2);
                out.flush();
                ex.getHttpContext().getServer(); // keep the exchange referenced
                throw new IOException("simulated connection cut");
            }
            out.write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
