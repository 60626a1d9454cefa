package io.github.soundstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from /proc (Linux); NaN elsewhere. */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    /** Current resident set, MB. */
    public static double currentMb() {
        return read("VmRSS");
    }

    /** Peak resident set since start, MB. */
    public static double peakMb() {
        return read("VmHWM");
    }

    private static double read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
