package io.github.soundstream.spark;

import io.github.soundstream.codec.SoundStreamCodec;
import io.github.soundstream.engine.EngineSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * The codec of each executor JVM, loaded once from the checkpoint the job shipped ({@code SparkContext.addFile})
 * and shared by all the tasks the executor runs at once: loading takes seconds and the weights are read-only,
 * while every file gets streaming state of its own. This is the one JVM-wide table in the project, because an
 * executor is a JVM that outlives the tasks that find it; the codecs live until the executor exits.
 */
final class ExecutorCodecs {
    private static final ConcurrentHashMap<String, SoundStreamCodec> LOADED = new ConcurrentHashMap<>();

    private ExecutorCodecs() {
    }

    /**
     * The codec of the shipped checkpoint named {@code fileName}. The first task of an executor also fixes the
     * engine's threads to the task's CPUs ({@code spark.task.cpus}, default 1), so that an executor running one
     * task per core does not start cores × cores threads.
     */
    static SoundStreamCodec get(String fileName) {
        Path local = Path.of(SparkFiles.get(fileName));
        String key;
        try {
            key = local + ":" + Files.size(local) + ":" + Files.getLastModifiedTime(local).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("the job's checkpoint " + fileName + " did not reach this executor", e);
        }
        return LOADED.computeIfAbsent(key, k -> {
            TaskContext task = TaskContext.get();
            EngineSetup.configure(task != null ? task.cpus() : 1);
            try {
                return SoundStreamCodec.load(local);
            } catch (IOException e) {
                throw new UncheckedIOException(fileName + ": " + e.getMessage(), e);
            }
        });
    }
}
