package io.github.soundstream.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint container: a ZIP (CRC-checked entries, readable by any zip tool) holding {@code meta.properties}
 * (configurations in plain text), {@code generator.params} and {@code discriminators.params} (DJL's parameter
 * format, EMA codebooks included) and the two optimizers' states. {@code encode}/{@code decode} read only the meta
 * and the generator.
 */
public final class CheckpointFile {
    static final String META = "meta.properties";
    static final String GENERATOR = "generator.params";
    static final String DISCRIMINATORS = "discriminators.params";
    static final String GENERATOR_OPTIMIZER = "generator.adamw";
    static final String DISCRIMINATOR_OPTIMIZER = "discriminators.adamw";

    /** Writes one entry's bytes. */
    @FunctionalInterface
    public interface EntryWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private CheckpointFile() {
    }

    static void write(Path file, CheckpointMeta meta, Block generator, Block discriminators, AdamW gOpt, AdamW dOpt)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            entry(zip, META, out -> meta.toProperties().store(out, "SoundStream checkpoint"));
            entry(zip, GENERATOR, generator::saveParameters);
            entry(zip, DISCRIMINATORS, discriminators::saveParameters);
            entry(zip, GENERATOR_OPTIMIZER, gOpt::save);
            entry(zip, DISCRIMINATOR_OPTIMIZER, dOpt::save);
        }
    }

    private static void entry(ZipOutputStream zip, String name, EntryWriter writer) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DataOutputStream out = new DataOutputStream(new NonClosing(zip));
        writer.write(out);
        out.flush();
        zip.closeEntry();
    }

    public static CheckpointMeta readMeta(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            Properties p = new Properties();
            try (InputStream in = stream(zip, file, META)) {
                p.load(in);
            }
            try {
                return CheckpointMeta.fromProperties(p);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Loads the parameters stored under {@code entry} into an initialised block of the same structure. */
    public static void loadParameters(Path file, String entry, Block block, NDManager manager) throws IOException {
        try (ZipFile zip = open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(
                stream(zip, file, entry)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw new IOException(file + ": " + entry + " does not fit this model (" + e.getMessage() + ")", e);
        }
    }

    static void loadOptimizer(Path file, String entry, AdamW optimizer) throws IOException {
        try (ZipFile zip = open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(
                stream(zip, file, entry)))) {
            optimizer.load(in);
        }
    }

    public static void loadGenerator(Path file, Block generator, NDManager manager) throws IOException {
        loadParameters(file, GENERATOR, generator, manager);
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a checkpoint or damaged (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream stream(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException(file + ": checkpoint lacks " + name);
        }
        return zip.getInputStream(e);
    }

    /** Lets entry writers close their stream without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
