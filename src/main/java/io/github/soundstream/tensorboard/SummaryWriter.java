package io.github.soundstream.tensorboard;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one TensorBoard event file for a run, in the spirit of PyTorch's {@code SummaryWriter}.
 *
 * <p>Calls return at once: each queues a small task (bounded queue; a full queue makes the caller wait rather
 * than drop data) that one background thread turns into a record (WAV and PNG encoding included) and appends.
 * The file is flushed every {@code flushInterval} and on {@link #flush()} / {@link #close()}. Records are appended
 * whole, so a crash or kill leaves at most the last record truncated, which TensorBoard skips while keeping
 * everything before it. Each writer makes a new file ({@code events.out.tfevents.<seconds>.<host>.<pid>.<n>});
 * it never appends to an old one.
 *
 * <p>Non-finite scalars are written as they are (TensorBoard shows them); wall times are always finite seconds.
 */
public final class SummaryWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryWriter.class);

    /** Work for the writer thread; returns an Event payload to append, or null for none. */
    @FunctionalInterface
    private interface Task {
        byte[] run() throws IOException;
    }

    private static final Task CLOSE = () -> null;

    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private final BlockingQueue<Task> queue;
    private final long flushIntervalNanos;
    private final Thread thread;
    /** Tensor tags that have had their first (metadata-carrying) value; touched by the writer thread only. */
    private final Set<String> tensorTagsSeen = new HashSet<>();
    private volatile IOException failure;
    private volatile boolean closed;

    public SummaryWriter(Path runDir) throws IOException {
        this(runDir, Duration.ofSeconds(5), 1024);
    }

    public SummaryWriter(Path runDir, Duration flushInterval, int queueCapacity) throws IOException {
        Files.createDirectories(runDir);
        double now = wallTime();
        this.file = createNewEventFile(runDir, (long) now);
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        out.write(TfRecord.frame(Summaries.fileVersionEvent(now)));
        out.flush();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.flushIntervalNanos = flushInterval.toNanos();
        this.thread = new Thread(this::drainLoop, "tensorboard-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The event file this writer appends to. */
    public Path file() {
        return file;
    }

    public void scalar(String tag, long step, double value) {
        double t = wallTime();
        submit(() -> Summaries.event(t, step, Summaries.scalar(tag, (float) value)));
    }

    /** A mono clip; samples are clipped to [-1, 1] and stored as 16-bit PCM WAV. */
    public void audio(String tag, long step, float[] samples, int sampleRate) {
        double t = wallTime();
        float[] copy = samples.clone();
        submit(() -> Summaries.event(t, step, Summaries.audio(tag, copy, sampleRate, tensorTagsSeen.add(tag))));
    }

    /** An RGB image, stored as PNG. */
    public void image(String tag, long step, BufferedImage image) {
        double t = wallTime();
        submit(() -> {
            return Summaries.event(t, step,
                    Summaries.image(tag, Png.encode(image), image.getWidth(), image.getHeight(), 3));
        });
    }

    /** A histogram of the finite values (30 equal-width buckets over their range). */
    public void histogram(String tag, long step, float[] values) {
        double t = wallTime();
        float[] copy = values.clone();
        submit(() -> Summaries.event(t, step, Summaries.histogram(tag, Histogram.of(copy,
                Histogram.DEFAULT_BUCKETS))));
    }

    /** Markdown text. */
    public void text(String tag, long step, String markdown) {
        double t = wallTime();
        submit(() -> Summaries.event(t, step, Summaries.text(tag, markdown, tensorTagsSeen.add(tag))));
    }

    /** Waits until everything queued so far is written and flushed to the operating system. */
    public void flush() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        submit(() -> {
            out.flush();
            done.countDown();
            return null;
        });
        awaitQuietly(done);
        throwIfFailed();
    }

    /** Writes what is queued, syncs the file to disk and stops the writer thread. Safe to call twice. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        putQuietly(CLOSE);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.flush();
            channel.force(true);
        } finally {
            out.close();
        }
        throwIfFailed();
    }

    private void submit(Task task) {
        if (closed) {
            throw new IllegalStateException("SummaryWriter for " + file + " is closed");
        }
        putQuietly(task);
    }

    private void putQuietly(Task task) {
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a TensorBoard record", e);
        }
    }

    private void drainLoop() {
        long lastFlush = System.nanoTime();
        while (true) {
            Task task;
            try {
                task = queue.poll(Math.max(1, flushIntervalNanos - (System.nanoTime() - lastFlush)),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == CLOSE) {
                return;
            }
            try {
                if (task != null) {
                    byte[] event = task.run();
                    if (event != null && failure == null) {
                        out.write(TfRecord.frame(event));
                    }
                }
                if (System.nanoTime() - lastFlush >= flushIntervalNanos) {
                    out.flush();
                    lastFlush = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                    LOG.error("TensorBoard writer for {} failed, later summaries are dropped: {}", file, e.toString());
                }
            }
        }
    }

    private void throwIfFailed() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("TensorBoard writer for " + file + " failed: " + f.getMessage(), f);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double wallTime() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static Path createNewEventFile(Path dir, long seconds) throws IOException {
        String host = hostName().replaceAll("[^A-Za-z0-9._-]", "_");
        long pid = ProcessHandle.current().pid();
        for (int n = 0; ; n++) {
            Path candidate = dir.resolve(String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%d.%d", seconds,
                    host, pid, n));
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another writer of this process in the same second: take the next counter
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | UncheckedIOException e) {
            return "localhost";
        }
    }
}
