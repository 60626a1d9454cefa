package io.github.soundstream.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where `download` commands put datasets and which origin they fetch from: one declaration for all of them. */
final class DatasetLocation {
    static final String BASE_URL_ENV = "SOUNDSTREAM_DATASET_BASE_URL";

    @Option(names = "--dir", defaultValue = "./datasets", description = "Datasets folder (./datasets).")
    Path dir;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Another origin: a mirror holding the archives by name, or a Xeno-canto API and its files "
                    + "(also $" + BASE_URL_ENV + ").")
    String baseUrl;

    /** --base-url, else the environment's, else null (the official origins). */
    String origin() {
        return baseUrl != null ? baseUrl : System.getenv(BASE_URL_ENV);
    }
}
