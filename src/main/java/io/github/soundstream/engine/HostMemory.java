package io.github.soundstream.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory and the memory it may still take, from /proc and cgroups (Linux); NaN elsewhere. */
public final class HostMemory {
    private HostMemory() {
    }

    /** Current resident set, MB. */
    public static double currentMb() {
        return read(Path.of("/proc/self/status"), "VmRSS");
    }

    /** Peak resident set since start or since {@link #resetPeak}, MB. */
    public static double peakMb() {
        return read(Path.of("/proc/self/status"), "VmHWM");
    }

    /** Starts a new peak from the current resident set; false where the kernel does not allow it. */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Memory this process could hold in all, MB: what it holds now plus what the system has available, capped by
     * its cgroup's limit where one is set (containers).
     */
    public static double usableMb() {
        double usable = currentMb() + read(Path.of("/proc/meminfo"), "MemAvailable");
        try {
            String max = Files.readString(Path.of("/sys/fs/cgroup/memory.max")).strip();
            if (!max.equals("max")) {
                usable = Math.min(usable, Long.parseLong(max) / 1048576.0);
            }
        } catch (IOException | NumberFormatException e) {
            // no cgroup v2 limit visible: the host's memory is the bound
        }
        return usable;
    }

    private static double read(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
