package io.github.soundstream.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the DJL PyTorch engine before its first use: offline (no tracking calls, no native downloads: the
 * natives come from the Maven jars), a chosen intra-op thread count, and a short description for {@code --verbose}.
 * Settings are JVM system properties read once by DJL at engine start, so {@link #configure} must run first.
 */
public final class EngineSetup {
    private EngineSetup() {
    }

    /**
     * @param threads intra-op threads, or {@code null} for all cores
     */
    public static void configure(Integer threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Loads the engine (0.5–3 s the first time, while natives unpack to the DJL cache). */
    public static Engine engine() {
        Engine engine = Engine.getEngine("PyTorch");
        Denormals.flushToZero(); // before the first operator, so the intra-op threads inherit it
        return engine;
    }

    /** Lines describing engine, device, natives and threads. */
    public static List<String> describe(Engine engine) {
        List<String> lines = new ArrayList<>();
        lines.add("engine: " + engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")");
        Device device = engine.defaultDevice();
        lines.add("device: " + device + (engine.getGpuCount() > 0 ? " (" + engine.getGpuCount() + " GPU)" : ""));
        lines.add("natives: " + LibUtils.getLibtorchPath());
        String cap = OneDnn.userIsaCap();
        lines.add("oneDNN: " + (OneDnn.enabled() ? "on" : "off") + (cap == null ? "" : ", ISA capped to " + cap));
        lines.add("threads: " + JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads()
                + " inter-op (" + Runtime.getRuntime().availableProcessors() + " cores)");
        return lines;
    }
}
