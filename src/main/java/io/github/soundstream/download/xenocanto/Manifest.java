package io.github.soundstream.download.xenocanto;

import io.github.soundstream.audio.AtomicFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.csv} beside the recordings: one row per recording with its taxon, recordist, licence and origin
 * (Xeno-canto asks that recordists be credited), the local file with its size and SHA-256, and a status: "ok", or
 * "failed: reason" for a recording that could not be fetched. Rewritten atomically after every recording, so an
 * interrupted run leaves a manifest that is true for the files beside it.
 */
final class Manifest {
    static final String FILE = "manifest.csv";
    static final List<String> COLUMNS = List.of("id", "genus", "species", "english_name", "sound_type", "quality",
            "length", "country", "recordist", "licence_url", "recording_url", "file", "bytes", "sha256", "status");

    /** A manifest row. */
    record Row(Recording recording, String file, long bytes, String sha256, String status) {
        boolean ok() {
            return status.equals("ok");
        }

        List<String> cells() {
            Recording r = recording;
            return List.of(r.id(), r.genus(), r.species(), r.englishName(), r.type(), r.quality(), r.length(),
                    r.country(), r.recordist(), r.licenceUrl(), r.url(), file, bytes < 0 ? "" : Long.toString(bytes),
                    sha256, status);
        }

        static Row of(List<String> c) {
            Recording r = new Recording(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6),
                    c.get(7), c.get(8), c.get(9), c.get(10), "", c.get(11));
            long bytes = c.get(12).isEmpty() ? -1 : Long.parseLong(c.get(12));
            return new Row(r, c.get(11), bytes, c.get(13), c.get(14));
        }
    }

    private final Path file;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private Manifest(Path file) {
        this.file = file;
    }

    static Manifest read(Path folder) throws IOException {
        Manifest m = new Manifest(folder.resolve(FILE));
        if (Files.isRegularFile(m.file)) {
            List<String> lines = Files.readAllLines(m.file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                List<String> cells = parse(line);
                if (cells.size() == COLUMNS.size()) {
                    try {
                        Row row = Row.of(cells);
                        m.rows.put(row.recording().id(), row);
                    } catch (NumberFormatException e) {
                        // a damaged row: that recording is fetched and verified again
                    }
                }
            }
        }
        return m;
    }

    Row get(String id) {
        return rows.get(id);
    }

    List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    void put(Row row) throws IOException {
        rows.put(row.recording().id(), row);
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : rows.values()) {
            csv.append(String.join(",", r.cells().stream().map(Manifest::quote).toList())).append('\n');
        }
        try (AtomicFileChannel out = new AtomicFileChannel(file)) {
            out.write(ByteBuffer.wrap(csv.toString().getBytes(StandardCharsets.UTF_8)));
            out.commit();
        }
    }

    static String quote(String cell) {
        String c = cell.replace('\n', ' ').replace('\r', ' ');
        return c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c;
    }

    static List<String> parse(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
