package io.github.soundstream.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The driver's list of a job's input files, each with the path it gets under the output root: a folder is walked
 * and mirrored from its top, a glob from the folder above its first wildcard, a text file of paths (one a line)
 * from the deepest folder they share. Paths are whatever Hadoop reads: local, {@code hdfs://}, {@code s3a://}.
 */
final class CorpusListing {
    /** One input and where it goes under an output root. */
    record Entry(String path, String relative) {
    }

    private final Configuration conf;
    private final Predicate<String> accepts;

    /** {@code accepts} sees each file name (lower case) and says whether it is an input. */
    CorpusListing(Configuration conf, Predicate<String> accepts) {
        this.conf = conf;
        this.accepts = accepts;
    }

    /** A folder or a glob. */
    List<Entry> of(String input) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        TreeMap<String, String> found = new TreeMap<>();
        if (input.matches(".*[*?\\[{].*")) {
            Path root = globRoot(path);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IOException(input + ": no file matches");
            }
            for (FileStatus m : matches) {
                walk(fs, m.getPath(), fs.makeQualified(root), found);
            }
        } else {
            if (!fs.exists(path)) {
                throw new IOException(input + ": no such file or folder");
            }
            Path qualified = fs.makeQualified(path);
            walk(fs, qualified, fs.getFileStatus(qualified).isDirectory() ? qualified : qualified.getParent(), found);
        }
        if (found.isEmpty()) {
            throw new IOException(input + ": no input files found");
        }
        return entries(found);
    }

    /** A text file naming one input a line (blank lines and lines starting with # are skipped). */
    List<Entry> fromList(String listFile) throws IOException {
        Path list = new Path(listFile);
        List<Path> paths = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(list.getFileSystem(conf).open(list),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    Path p = new Path(line);
                    paths.add(p.getFileSystem(conf).makeQualified(p));
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IOException(listFile + ": lists no files");
        }
        Path root = commonFolder(paths);
        TreeMap<String, String> found = new TreeMap<>();
        for (Path p : paths) {
            found.put(p.toString(), relative(root, p)); // listed files are taken as given; a missing one fails alone
        }
        return entries(found);
    }

    private void walk(FileSystem fs, Path start, Path root, TreeMap<String, String> found) throws IOException {
        if (!fs.getFileStatus(start).isDirectory()) {
            if (accepts.test(start.getName().toLowerCase(Locale.ROOT))) {
                found.put(start.toString(), relative(root, start));
            }
            return;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(start, true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (!p.getName().startsWith(".") && accepts.test(p.getName().toLowerCase(Locale.ROOT))) {
                found.put(p.toString(), relative(root, p));
            }
        }
    }

    private static List<Entry> entries(TreeMap<String, String> found) {
        List<Entry> out = new ArrayList<>(found.size());
        found.forEach((path, relative) -> out.add(new Entry(path, relative)));
        return out;
    }

    /** The folder above the first path component that holds a wildcard. */
    static Path globRoot(Path glob) {
        Path root = glob;
        Path p = glob;
        while (p != null) {
            if (p.getName().matches(".*[*?\\[{].*")) {
                root = p.getParent();
            }
            p = p.getParent();
        }
        return root;
    }

    static Path commonFolder(List<Path> paths) {
        String common = paths.get(0).getParent().toString();
        for (Path p : paths) {
            String folder = p.getParent().toString();
            while (!(folder + "/").startsWith(common + "/") && common.contains("/")) {
                common = common.substring(0, common.lastIndexOf('/'));
            }
        }
        return new Path(common.isEmpty() ? "/" : common);
    }

    static String relative(Path root, Path file) {
        String r = root.toUri().getPath();
        String f = file.toUri().getPath();
        String prefix = r.endsWith("/") ? r : r + "/";
        return f.startsWith(prefix) ? f.substring(prefix.length()) : file.getName();
    }
}
