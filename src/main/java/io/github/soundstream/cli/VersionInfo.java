package io.github.soundstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** Version facts filtered into the jar by Maven, read without starting the engine. */
final class VersionInfo {
    private VersionInfo() {
    }

    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/soundstream-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static String version() {
        return properties().getProperty("version", "unknown");
    }

    static List<String> lines() {
        Properties p = properties();
        return List.of("soundstream " + p.getProperty("version", "unknown"),
                "DJL " + p.getProperty("djl", "?") + ", PyTorch " + p.getProperty("pytorch", "?")
                        + ", Java " + System.getProperty("java.version"));
    }
}
