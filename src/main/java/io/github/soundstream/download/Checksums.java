package io.github.soundstream.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and MD5 of a file in one read. */
public record Checksums(String sha256, String md5) {

    public static Checksums of(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(file), sha), md5)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new Checksums(HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
