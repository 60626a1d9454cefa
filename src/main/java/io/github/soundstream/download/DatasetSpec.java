package io.github.soundstream.download;

/**
 * One dataset: where its archive comes from and how to tell a good copy.
 *
 * @param name           command-line name ("esc50", "librispeech-test-clean")
 * @param title          human name
 * @param url            origin of the archive, or null for datasets fetched by hand
 * @param archive        archive file name (zip or tar.gz)
 * @param sha256         published SHA-256, or null
 * @param md5            published MD5, or null
 * @param strictChecksum whether a checksum mismatch is an error (false where the origin rebuilds the archive)
 * @param bytes          expected archive size, or -1
 * @param installedPath  folder, relative to the datasets folder, that the archive unpacks to
 * @param audioPath      folder with the audio, relative to the datasets folder (for train --audio-dir)
 * @param audioFiles     audio files expected after extraction, or -1
 * @param license        license
 * @param about          what it holds and is good for
 * @param manualSteps    for datasets fetched by hand: where and how; null otherwise
 */
public record DatasetSpec(String name, String title, String url, String archive, String sha256, String md5,
        boolean strictChecksum, long bytes, String installedPath, String audioPath, int audioFiles, String license,
        String about, String manualSteps) {

    public boolean automatic() {
        return url != null;
    }

    /** The archive's URL under a mirror that holds the archives flat. */
    public String urlWithBase(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return url;
        }
        return baseUrl.endsWith("/") ? baseUrl + archive : baseUrl + "/" + archive;
    }
}
