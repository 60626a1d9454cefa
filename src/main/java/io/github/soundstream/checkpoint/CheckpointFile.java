package io.github.soundstream.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.soundstream.files.CrcVerifiedStream;
import io.github.soundstream.files.Reasons;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint container: a ZIP (readable by any zip tool) holding {@code meta.properties}
 * (configurations in plain text), {@code generator.params} and {@code discriminators.params} (DJL's parameter
 * format, EMA codebooks included), the two optimizers' states and the loss balancer's. {@code encode} and
 * {@code decode} read only the meta and the generator. Reading checks every entry's CRC-32 (Java's zip streams do not) and every loaded parameter's
 * shape against the block built from the configuration: a damaged file or weights of another model never load.
 */
public final class CheckpointFile {
    public static final String META = "meta.properties";
    public static final String GENERATOR = "generator.params";
    public static final String DISCRIMINATORS = "discriminators.params";
    public static final String GENERATOR_OPTIMIZER = "generator.adamw";
    public static final String DISCRIMINATOR_OPTIMIZER = "discriminators.adamw";
    /** The loss balancer's running gradient norms; absent from checkpoints written before it existed. */
    public static final String LOSS_BALANCER = "loss-balancer.state";

    /** Writes one entry's bytes. */
    @FunctionalInterface
    public interface EntryWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one entry's bytes (an optimizer's state, say). */
    @FunctionalInterface
    public interface EntryReader {
        void read(DataInputStream in) throws IOException;
    }

    private CheckpointFile() {
    }

    /** Writes {@code meta} and then each entry, in order, to a new zip at {@code file}. */
    public static void write(Path file, CheckpointMeta meta, Map<String, EntryWriter> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            entry(zip, META, out -> meta.toProperties().store(out, "SoundStream checkpoint"));
            for (Map.Entry<String, EntryWriter> e : entries.entrySet()) {
                entry(zip, e.getKey(), e.getValue());
            }
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
                return CheckpointMeta.fromProperties(p);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Loads the parameters stored under {@code entry} into an initialised block of the same structure, refusing
     * any parameter whose stored shape differs from the one the block was built with.
     */
    public static void loadParameters(Path file, String entry, Block block, NDManager manager) throws IOException {
        Map<String, Shape> expected = new LinkedHashMap<>();
        block.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
        try (ZipFile zip = open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(
                stream(zip, file, entry)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(file + ": " + entry + " does not fit this model (" + Reasons.of(e) + ")", e);
        }
        for (var p : block.getParameters()) {
            Shape want = expected.get(p.getKey());
            Shape got = p.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw new IOException(file + ": " + entry + " does not fit its configuration: parameter " + p.getKey()
                        + " has shape " + got + ", the configuration needs " + want);
            }
        }
    }

    /** Reads entry {@code entry} of the checkpoint with {@code reader}, after its CRC checked out. */
    public static void read(Path file, String entry, EntryReader reader) throws IOException {
        try (ZipFile zip = open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(
                stream(zip, file, entry)))) {
            reader.read(in);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + entry + " does not fit this model (" + Reasons.of(e) + ")", e);
        }
    }

    /** Whether the checkpoint holds entry {@code entry}. */
    public static boolean has(Path file, String entry) throws IOException {
        try (ZipFile zip = open(file)) {
            return zip.getEntry(entry) != null;
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
            throw new IOException(file + ": not a checkpoint or damaged (" + Reasons.of(e) + ")", e);
        }
    }

    /** The entry's bytes, after a first read has checked its CRC: parsers never see damaged length fields. */
    private static InputStream stream(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IOException(file + ": checkpoint lacks " + name);
        }
        try (CrcVerifiedStream check = CrcVerifiedStream.open(zip, name, file)) {
            check.verifyRest();
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
